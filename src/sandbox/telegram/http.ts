/**
 * The emulated Bot API over HTTP, at Telegram's addresses:
 * `<root>/bot<token>/<method>` (GET or POST; JSON, form or multipart) and
 * `<root>/file/bot<token>/<file_path>` for downloads. Answers are Telegram's
 * JSON with the matching HTTP status. A client that goes away (a long poll
 * aborted on shutdown) ends its request quietly.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { TelegramEmulator } from './emulator.ts'
import { refuse, TelegramError } from './errors.ts'
import { decoded, readBotApiRequest, requestUrl } from './request.ts'

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent || res.destroyed) return
  res.writeHead(status, { 'content-type': 'application/json' })
  res.end(JSON.stringify(body))
}

function sendError(res: ServerResponse, err: TelegramError): void {
  send(res, err.code, {
    ok: false,
    error_code: err.code,
    description: err.description,
    ...(err.parameters ? { parameters: err.parameters } : {}),
  })
}

const API_PATH = /^\/bot([^/]+)\/([A-Za-z]+)$/
const FILE_PATH = /^\/file\/bot([^/]+)\/(.+)$/

/** Whether a path is the Bot API's: a method or a file download. */
export function isBotApiPath(pathname: string): boolean {
  return API_PATH.test(pathname) || FILE_PATH.test(pathname)
}

/**
 * Handles a request if it is a Bot API one; returns false for any other path.
 * `emulator()` is asked per request, so the world can be replaced (a sandbox reset).
 */
export function createBotApiHandler(
  emulator: () => TelegramEmulator,
  onError: (err: unknown, method: string) => void,
): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  return async (req, res) => {
    const url = requestUrl(req.url)
    if (!url) return false
    const api = API_PATH.exec(url.pathname)
    const file = FILE_PATH.exec(url.pathname)
    if (!api && !file) return false
    const em = emulator()
    const token = decoded((api ?? file)?.[1] ?? '')
    if (token !== em.token) {
      sendError(res, refuse.unauthorized())
      return true
    }
    if (file) {
      const found = em.files.download(decoded(file[2] ?? '') ?? '')
      if (!found) {
        sendError(res, refuse.notFound())
        return true
      }
      res.writeHead(200, {
        'content-type': found.record.mime_type ?? 'application/octet-stream',
        'content-length': found.data.length,
        // A file for the bot to read, never a page a browser runs on the sandbox's address
        'content-disposition': 'attachment',
        'x-content-type-options': 'nosniff',
      })
      res.end(found.data)
      return true
    }
    const method = api?.[2] ?? ''
    if (!em.knows(method)) {
      sendError(res, refuse.notFound())
      return true
    }
    const gone = new AbortController()
    res.on('close', () => {
      if (!res.writableFinished) gone.abort()
    })
    try {
      const { params, files } = await readBotApiRequest(
        req,
        String(req.headers['content-type'] ?? ''),
        url.searchParams,
      )
      const result = await em.call(method, params, files, gone.signal)
      send(res, 200, { ok: true, result })
    } catch (err) {
      if (err instanceof TelegramError) sendError(res, err)
      else {
        onError(err, method)
        send(res, 500, { ok: false, error_code: 500, description: 'Internal Server Error' })
      }
    }
    return true
  }
}
