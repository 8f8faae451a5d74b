/**
 * What Telegram saw: every Bot API call the bot made, with what it got back
 * (the result, an error, a 429 with its retry_after), recorded at the bot's
 * `client.fetch`, so it works the same against the embedded server and against
 * another one (`--api-root`). Empty long polls are left out: they are noise. File
 * downloads (a document the owner sent) are entries of their own, by path and status.
 */
import type { ApiClientOptions } from 'grammy'
import { defaultFetch } from '../bot/handoff/recorder.ts'
import type { Clock } from '../clock.ts'
import { clip } from '../text.ts'
import { decoded, readAll, readBotApiRequest } from './telegram/request.ts'

type Fetch = NonNullable<ApiClientOptions['fetch']>

export interface CallEntry {
  id: number
  /** Sandbox time of the call, ms. */
  at: number
  method: string
  chatId?: number
  threadId?: number
  /** A short excerpt: the text, the caption, a file name, how many updates. */
  summary?: string
  ok: boolean
  errorCode?: number
  description?: string
  retryAfter?: number
  /** How long the call took, ms. */
  ms: number
}

/** The newest calls, oldest first; listeners hear each new one. */
export class CallLog {
  private readonly entries: CallEntry[] = []
  private readonly listeners = new Set<(entry: CallEntry) => void>()
  private seq = 0

  constructor(private readonly keep = 500) {}

  add(entry: Omit<CallEntry, 'id'>): void {
    const full = { id: ++this.seq, ...entry }
    this.entries.push(full)
    if (this.entries.length > this.keep) this.entries.shift()
    for (const listener of this.listeners) listener(full)
  }

  list(): readonly CallEntry[] {
    return this.entries
  }

  clear(): void {
    this.entries.length = 0
  }

  on(listener: (entry: CallEntry) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}

const excerpt = (text: unknown) => {
  if (typeof text !== 'string') return undefined
  const line = text
    .replace(/<[^>]+>/g, '')
    .replace(/\s+/g, ' ')
    .trim()
  // By characters: a cut by UTF-16 length can leave half an emoji, which strict JSON parsers of /sandbox/state refuse
  return clip(line, 90)
}

/** A file download's path (`<root>/file/bot<token>/<file_path>`), or undefined for a method call. */
function downloadPath(url: string): string | undefined {
  const path = /\/file\/bot[^/]+\/(.+)$/.exec(url)?.[1]
  return path === undefined ? undefined : (decoded(path) ?? path)
}

/** The bot's fetch, recording into `log`. The body is read once and passed on as it was. */
export function recordingFetch(log: CallLog, clock: Clock, inner: Fetch = defaultFetch()): Fetch {
  return (async (url: Parameters<Fetch>[0], init?: Parameters<Fetch>[1]) => {
    const download = downloadPath(String(url))
    if (download !== undefined) return recordDownload(log, clock, download, () => inner(url, init))
    const method = String(url).split('/').pop() ?? ''
    const raw = await readAll(init?.body as never)
    const type =
      new Headers(init?.headers as ConstructorParameters<typeof Headers>[0]).get('content-type') ?? 'application/json'
    let request: Awaited<ReturnType<typeof readBotApiRequest>> = { params: {}, files: {} }
    try {
      request = await readBotApiRequest(raw, type)
    } catch {
      // A body the panel cannot read still goes to the server as it is; the entry shows the method only
    }
    const { params, files } = request
    const started = performance.now()
    const at = clock.now()
    const base = {
      at,
      method,
      ...(params.chat_id !== undefined ? { chatId: Number(params.chat_id) } : {}),
      ...(params.message_thread_id !== undefined ? { threadId: Number(params.message_thread_id) } : {}),
    }
    const fileName = Object.values(files)[0]?.filename
    const summary = excerpt(params.text ?? params.caption ?? params.name) ?? fileName
    let res: Response
    try {
      res = (await inner(url, { ...init, body: raw.length ? raw : undefined } as never)) as unknown as Response
    } catch (err) {
      const description = err instanceof Error ? err.message : String(err)
      if (!(method === 'getUpdates' && /abort/i.test(description))) {
        log.add({ ...base, ok: false, description, ms: performance.now() - started })
      }
      throw err
    }
    let body: {
      ok?: boolean
      result?: unknown
      error_code?: number
      description?: string
      parameters?: { retry_after?: number }
    }
    try {
      body = (await res.clone().json()) as typeof body
    } catch {
      body = { ok: false, description: `HTTP ${res.status}` }
    }
    const ms = performance.now() - started
    if (body.ok) {
      const updates = method === 'getUpdates' && Array.isArray(body.result) ? body.result.length : undefined
      if (updates !== 0) {
        log.add({
          ...base,
          ok: true,
          ms,
          ...(updates ? { summary: `${updates} update(s)` } : summary ? { summary } : {}),
        })
      }
    } else {
      log.add({
        ...base,
        ok: false,
        ms,
        ...(summary ? { summary } : {}),
        ...(body.error_code ? { errorCode: body.error_code } : {}),
        ...(body.description ? { description: body.description } : {}),
        ...(body.parameters?.retry_after ? { retryAfter: body.parameters.retry_after } : {}),
      })
    }
    return res
  }) as Fetch
}

/** A file download (a document an owner sent, a photo): its path and HTTP status, not a method's JSON answer. */
async function recordDownload(log: CallLog, clock: Clock, path: string, get: () => ReturnType<Fetch>) {
  const started = performance.now()
  const base = { at: clock.now(), method: 'download', summary: path }
  try {
    const res = (await get()) as unknown as Response
    log.add({
      ...base,
      ok: res.ok,
      ms: performance.now() - started,
      ...(res.ok ? {} : { errorCode: res.status, description: `HTTP ${res.status}` }),
    })
    return res
  } catch (err) {
    const description = err instanceof Error ? err.message : String(err)
    log.add({ ...base, ok: false, description, ms: performance.now() - started })
    throw err
  }
}
