/**
 * Reading a Bot API request the way Telegram does: parameters from the query
 * string and from a JSON, urlencoded or multipart/form-data body (files come
 * from multipart parts), and reading one parameter in the type the method
 * expects — in a form, every value is a string and objects are JSON.
 */
import { refuse } from './errors.ts'

export interface UploadedFile {
  filename: string
  data: Buffer
}

export type Params = Record<string, unknown>

export interface BotApiRequest {
  params: Params
  /** Uploaded parts by their field name (`photo`, or the id an `attach://<id>` value names). */
  files: Record<string, UploadedFile>
}

export type Body = string | Buffer | Uint8Array | AsyncIterable<Uint8Array | string> | null | undefined

/** A request body, whole. */
export async function readAll(body: Body): Promise<Buffer> {
  if (body === null || body === undefined) return Buffer.alloc(0)
  if (typeof body === 'string') return Buffer.from(body, 'utf8')
  if (body instanceof Uint8Array) return Buffer.from(body)
  const chunks: Buffer[] = []
  for await (const chunk of body) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk))
  return Buffer.concat(chunks)
}

/**
 * A percent-encoded part of a URL, decoded; undefined when it is not valid encoding
 * (`50%off.jpg`, `%E0%A4%A`), which decodeURIComponent would throw on.
 */
export function decoded(part: string): string | undefined {
  try {
    return decodeURIComponent(part)
  } catch {
    return undefined
  }
}

/**
 * The URL a request names, with its path as sent: `//x/y` is the path `//x/y`, not the host
 * `x` (as `new URL(target, base)` would read it); an absolute target (`http://host/path`, as a
 * proxy sends) is taken whole. Undefined when the target is no URL at all.
 */
export function requestUrl(target = '/'): URL | undefined {
  const href = target.startsWith('/') ? `http://localhost${target}` : target
  return URL.canParse(href) ? new URL(href) : undefined
}

/** Parses a request body; `query` (the URL's search params) adds parameters, as Telegram allows. */
export async function readBotApiRequest(
  body: Body,
  contentType: string,
  query?: URLSearchParams,
): Promise<BotApiRequest> {
  const params: Params = query ? Object.fromEntries(query) : {}
  const raw = await readAll(body)
  if (raw.length === 0) return { params, files: {} }
  const type = contentType.toLowerCase()
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType)
  if (type.startsWith('multipart/form-data') && boundary) {
    const parsed = parseMultipart(raw, boundary[1] ?? boundary[2] ?? '')
    return { params: { ...params, ...parsed.fields }, files: parsed.files }
  }
  if (type.startsWith('application/x-www-form-urlencoded')) {
    return { params: { ...params, ...Object.fromEntries(new URLSearchParams(raw.toString('utf8'))) }, files: {} }
  }
  let json: unknown
  try {
    json = JSON.parse(raw.toString('utf8'))
  } catch {
    throw refuse.badJson('request body')
  }
  return { params: { ...params, ...(json as Params) }, files: {} }
}

/**
 * multipart/form-data as clients send it. grammY writes `filename=` unquoted and
 * possibly with spaces, which stricter parsers drop, so the whole header value up
 * to the line end or `;` is the name. Bytes are kept as they are. The body is scanned
 * as bytes, never turned into one string: a 40 MB upload (a /backup) is parsed in a
 * few milliseconds instead of holding the event loop for a hundred.
 */
export function parseMultipart(
  raw: Buffer,
  boundary: string,
): { fields: Record<string, string>; files: Record<string, UploadedFile> } {
  const fields: Record<string, string> = {}
  const files: Record<string, UploadedFile> = {}
  const delimiter = Buffer.from(`--${boundary}`, 'latin1')
  for (let at = raw.indexOf(delimiter); at >= 0; ) {
    const next = raw.indexOf(delimiter, at + delimiter.length)
    if (next < 0) break
    const part = raw.subarray(at + delimiter.length, next)
    at = next
    const headerEnd = part.indexOf('\r\n\r\n')
    if (headerEnd < 0) continue
    const headers = part.subarray(0, headerEnd).toString('latin1')
    const name = /name="([^"]*)"/i.exec(headers)?.[1]
    if (!name) continue
    // The line break before the next delimiter belongs to the delimiter
    const rest = part.subarray(headerEnd + 4)
    const crlf = rest.length >= 2 && rest[rest.length - 2] === 0x0d && rest[rest.length - 1] === 0x0a
    const content = crlf ? rest.subarray(0, rest.length - 2) : rest
    const filename = /filename=(?:"([^"]*)"|([^\r\n;]*))/i
      .exec(headers)
      ?.slice(1)
      .find((v) => v !== undefined)
    if (filename !== undefined) {
      files[name] = { filename: Buffer.from(filename, 'latin1').toString('utf8'), data: Buffer.from(content) }
    } else fields[name] = content.toString('utf8')
  }
  return { fields, files }
}

// ------------------------------------------------------------ reading one parameter

/** A string parameter (numbers are accepted and turned into text, as Telegram does). */
export function str(p: Params, name: string): string | undefined {
  const v = p[name]
  if (v === undefined || v === null) return undefined
  return typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v)
}

/** An integer parameter, from a number or its decimal text. */
export function int(p: Params, name: string): number | undefined {
  const v = p[name]
  if (v === undefined || v === null || v === '') return undefined
  const n = typeof v === 'number' ? v : Number(String(v).trim())
  return Number.isFinite(n) ? Math.trunc(n) : Number.NaN
}

export function bool(p: Params, name: string): boolean {
  const v = p[name]
  return v === true || v === 'true' || v === 1 || v === '1'
}

/** An object or array parameter: given as JSON in a form, as itself in a JSON body. */
export function json<T>(p: Params, name: string): T | undefined {
  const v = p[name]
  if (v === undefined || v === null || v === '') return undefined
  if (typeof v !== 'string') return v as T
  try {
    return JSON.parse(v) as T
  } catch {
    throw refuse.badJson(name)
  }
}

/** The chat id parameter (`chat_id`, `from_chat_id`): required. */
export function chatIdOf(p: Params, name = 'chat_id'): number {
  const id = int(p, name)
  if (id === undefined) throw refuse.missing(name)
  if (Number.isNaN(id)) throw refuse.chatNotFound()
  return id
}
