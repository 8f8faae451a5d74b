/**
 * Files in the emulated Telegram: what people and the bot upload gets a
 * file_id (and a file_path for getFile and the download URL); a file_id may be
 * sent again; an http(s) link is downloaded as Telegram does, and a link that
 * cannot be fetched is refused with Telegram's error.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { refuse } from './errors.ts'
import { decoded, type UploadedFile } from './request.ts'

export type FileKind = 'photo' | 'document' | 'audio' | 'voice' | 'video' | 'video_note' | 'animation' | 'sticker'

export interface FileRecord {
  file_id: string
  file_unique_id: string
  file_path: string
  file_size: number
  kind: FileKind
  file_name?: string
  mime_type?: string
  /** A voice message's length in seconds, read from the file. */
  duration?: number
  /** A sticker's emoji and the set it is from. */
  emoji?: string
  set_name?: string
}

/** What Telegram's file ids start with, by kind (only for their look). */
const PREFIX: Record<FileKind, string> = {
  photo: 'AgACAgI',
  document: 'BQACAgI',
  audio: 'CQACAgI',
  voice: 'AwACAgI',
  video: 'BAACAgI',
  video_note: 'DQACAgI',
  animation: 'CgACAgI',
  sticker: 'CAACAgI',
}

const MIME: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  pdf: 'application/pdf',
  csv: 'text/csv',
  json: 'application/json',
  yaml: 'application/yaml',
  yml: 'application/yaml',
  txt: 'text/plain',
  html: 'text/html',
  sqlite: 'application/vnd.sqlite3',
  zip: 'application/zip',
  mp4: 'video/mp4',
  ogg: 'audio/ogg',
  mp3: 'audio/mpeg',
}

export function mimeOf(filename: string | undefined): string | undefined {
  const ext = filename?.split('.').pop()?.toLowerCase()
  return ext ? MIME[ext] : undefined
}

/** Telegram downloads at most this much from a link: 5 MB for photos, 20 MB for other files. */
const URL_LIMIT = { photo: 5 * 1024 * 1024, other: 20 * 1024 * 1024 }
/** Bots upload files of up to 50 MB; a larger request is refused whole. */
const UPLOAD_LIMIT = 50 * 1024 * 1024
/** getFile serves files up to 20 MB. */
const GET_FILE_LIMIT = 20 * 1024 * 1024

/** Names reserved for examples and tests (RFC 2606, 6761): never reachable, refused at once. */
function isReservedHost(host: string): boolean {
  const h = host.toLowerCase()
  return (
    /(^|\.)(example|invalid|test|localhost)$/.test(h) || /(^|\.)example\.(com|net|org)$/.test(h) || h === 'localhost'
  )
}

export interface FileStoreOptions {
  /** 'fetch': links are downloaded (Telegram's behaviour); 'accept': taken without a download. */
  urlFiles: 'fetch' | 'accept'
  /** Unknown file ids are taken as files someone sent earlier (the test suite builds updates itself). */
  openWorld: boolean
  /**
   * A folder that keeps the contents across restarts (a sandbox): each file is written there
   * once, as it comes, named by its file_unique_id, so saving the world never writes them
   * again. Without it the contents live in memory only.
   */
  dir?: string
}

/** The store as plain data (a sandbox keeps its world across restarts); the contents are in `dir`. */
export interface FilesSnapshot {
  seq: number
  records: FileRecord[]
  /** The contents in base64, in worlds saved before they were kept in a folder of their own. */
  data?: [string, string][]
}

export class FileStore {
  /** Content by file_id. */
  readonly data = new Map<string, Buffer>()
  private readonly records = new Map<string, FileRecord>()
  private readonly byPath = new Map<string, string>()
  private seq = 0

  constructor(private readonly options: FileStoreOptions) {}

  snapshot(): FilesSnapshot {
    return { seq: this.seq, records: [...this.records.values()] }
  }

  restore(snapshot: FilesSnapshot): void {
    this.seq = snapshot.seq
    for (const record of snapshot.records) {
      this.records.set(record.file_id, record)
      this.byPath.set(record.file_path, record.file_id)
      const kept = this.options.dir && join(this.options.dir, record.file_unique_id)
      if (kept && existsSync(kept)) this.data.set(record.file_id, readFileSync(kept))
    }
    // An older world: its contents move into the folder, which the next save relies on
    for (const [id, base64] of snapshot.data ?? []) {
      const data = Buffer.from(base64, 'base64')
      this.data.set(id, data)
      const record = this.records.get(id)
      if (record) this.keep(record, data)
    }
  }

  /** Writes a file's content into the store's folder, if it has one. */
  private keep(record: FileRecord, data: Buffer): void {
    if (!this.options.dir) return
    mkdirSync(this.options.dir, { recursive: true })
    writeFileSync(join(this.options.dir, record.file_unique_id), data)
  }

  /** A file stored before with this kind and name (a sticker is one file, however often it is sent). */
  find(kind: FileKind, filename: string): FileRecord | undefined {
    for (const record of this.records.values()) if (record.kind === kind && record.file_name === filename) return record
    return undefined
  }

  /** Stores an upload and gives it a new file id; `extra`: what Telegram knows of it besides (a voice's length). */
  add(
    data: Buffer,
    kind: FileKind,
    filename?: string,
    mime?: string,
    extra: Pick<FileRecord, 'duration' | 'emoji' | 'set_name'> = {},
  ): FileRecord {
    const n = ++this.seq
    const ext = filename?.includes('.') ? filename.split('.').pop() : kind === 'photo' ? 'jpg' : 'dat'
    const record: FileRecord = {
      file_id: `${PREFIX[kind]}${n.toString(36)}${Math.random().toString(36).slice(2, 10)}`,
      file_unique_id: `AQAD${n.toString(36)}`,
      file_path: `${kind === 'photo' ? 'photos' : kind === 'document' ? 'documents' : `${kind}s`}/file_${n}.${ext}`,
      file_size: data.length,
      kind,
      ...(filename ? { file_name: filename } : {}),
      ...((mime ?? mimeOf(filename)) ? { mime_type: mime ?? mimeOf(filename) } : {}),
      ...extra,
    }
    this.records.set(record.file_id, record)
    this.byPath.set(record.file_path, record.file_id)
    this.data.set(record.file_id, data)
    this.keep(record, data)
    return record
  }

  /** A file by id: uploaded here, put into `data` directly, or (open world) assumed. */
  get(fileId: string): FileRecord | undefined {
    const known = this.records.get(fileId)
    if (known) return known
    const data = this.data.get(fileId)
    if (!data && !this.options.openWorld) return undefined
    const n = ++this.seq
    const record: FileRecord = {
      file_id: fileId,
      file_unique_id: `AQAD${n.toString(36)}`,
      file_path: `documents/file_${n}`,
      file_size: data?.length ?? 0,
      kind: 'document',
    }
    this.records.set(fileId, record)
    this.byPath.set(record.file_path, fileId)
    return record
  }

  /** getFile: the file's path for the download URL. */
  describe(fileId: string): FileRecord {
    const record = this.get(fileId)
    if (!record) throw refuse.getFileInvalid()
    if (record.file_size > GET_FILE_LIMIT) throw refuse.fileTooBig()
    return record
  }

  /** The content behind a download path (`<root>/file/bot<token>/<file_path>`). */
  download(path: string): { record: FileRecord; data: Buffer } | undefined {
    const id = this.byPath.get(path)
    const record = id ? this.records.get(id) : undefined
    // A file taken to exist in an open world has no content to serve
    const data = id ? this.data.get(id) : undefined
    if (!record || !data) return undefined
    return { record, data }
  }

  /**
   * An InputFile parameter: an upload (the part itself or `attach://<name>`), a
   * file_id sent before, or an http(s) link.
   */
  async resolve(value: unknown, uploads: Record<string, UploadedFile>, kind: FileKind, field: string) {
    const upload =
      typeof value === 'string' && value.startsWith('attach://')
        ? uploads[value.slice('attach://'.length)]
        : value === undefined
          ? uploads[field]
          : undefined
    if (upload) {
      if (upload.data.length > UPLOAD_LIMIT) throw refuse.requestTooLarge()
      return this.add(upload.data, kind, upload.filename)
    }
    if (typeof value !== 'string' || value.trim() === '') throw refuse.fileIdInvalid()
    if (/^https?:\/\//i.test(value)) return this.fromUrl(value, kind)
    const known = this.get(value)
    if (!known) throw refuse.fileIdInvalid()
    return known
  }

  private async fromUrl(url: string, kind: FileKind): Promise<FileRecord> {
    let parsed: URL
    try {
      parsed = new URL(url)
    } catch {
      throw refuse.fileIdInvalid()
    }
    const name = parsed.pathname.split('/').pop() || 'file'
    // A "%" that starts no escape (landing-50%off.jpg) is a valid link: the name is kept as written
    const filename = decoded(name) ?? name
    if (this.options.urlFiles === 'accept') return this.add(Buffer.alloc(0), kind, filename)
    if (isReservedHost(parsed.hostname)) throw refuse.urlContentFailed()
    let data: Buffer
    let type: string
    try {
      const res = await fetch(parsed, { signal: AbortSignal.timeout(10_000), redirect: 'follow' })
      if (!res.ok) throw new Error(`HTTP ${res.status}`)
      type = res.headers.get('content-type') ?? ''
      data = Buffer.from(await res.arrayBuffer())
    } catch {
      throw refuse.urlContentFailed()
    }
    if (data.length > (kind === 'photo' ? URL_LIMIT.photo : URL_LIMIT.other)) throw refuse.urlContentFailed()
    if (kind === 'photo' && !type.startsWith('image/')) throw refuse.urlContentFailed()
    return this.add(data, kind, filename, type.split(';')[0] || undefined)
  }
}
