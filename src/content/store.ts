/**
 * Holds the business content the bot runs on. Every accepted file is saved in
 * the database (`content_versions`), so:
 * - an invalid file never replaces the last good content — the bot keeps
 *   running on it and the report says what to fix;
 * - content the owner sent as a document survives a restart;
 * - an edit of the file on disk is noticed (by its hash) and wins over older uploads.
 */
import { createHash } from 'node:crypto'
import { readFileSync, unwatchFile, watchFile } from 'node:fs'
import type { Db } from '../../db/client.ts'
import { latestContentVersion, saveContentVersion } from '../../db/repositories/content-versions.ts'
import type { Clock } from '../clock.ts'
import { type ContentIssue, formatContentReport, parseContent } from './loader.ts'
import type { Content } from './schema.ts'

export type ContentUpdateResult = { ok: true; content: Content } | { ok: false; report: string; errors: ContentIssue[] }

export class ContentError extends Error {
  override name = 'ContentError'
}

export interface ContentStore {
  /** The content in force now. */
  get(): Content
  /** Validates and, if valid, applies and saves new content. */
  replace(yaml: string, source: 'file' | 'upload', uploadedBy?: number): ContentUpdateResult
  /** Re-reads the file when it changes on disk; returns a function that stops watching. */
  watchFile(path: string, onResult: (result: ContentUpdateResult) => void): () => void
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return undefined
  }
}

/**
 * Loads content at start-up: the file if it changed since it was last seen
 * and is valid; otherwise the newest saved version.
 * @returns the store and warnings to log (e.g. the report of an invalid file).
 * @throws ContentError when there is neither a valid file nor saved content.
 */
export function loadContentStore(
  { db, clock }: { db: Db; clock: Clock },
  path: string,
): { store: ContentStore; warnings: string[] } {
  const warnings: string[] = []
  let current: Content | undefined

  const yaml = readText(path)
  const lastFile = latestContentVersion(db, 'file')
  const fileChanged = yaml !== undefined && lastFile?.hash !== sha256(yaml)
  if (yaml === undefined) warnings.push(`Content file ${path} cannot be read; using the last saved content`)

  if (fileChanged) {
    const parsed = parseContent(yaml)
    if (parsed.ok) {
      saveContentVersion(db, { source: 'file', hash: sha256(yaml), yaml }, clock.now())
      current = parsed.content
    } else {
      warnings.push(
        `Content file ${path} is invalid, kept the last good content:\n${formatContentReport(parsed.errors)}`,
      )
    }
  }
  if (!current) {
    const saved = latestContentVersion(db)
    const parsed = saved ? parseContent(saved.yaml) : undefined
    if (parsed?.ok) current = parsed.content
  }
  if (!current) {
    const report = yaml === undefined ? `cannot read ${path}` : warnings.join('\n')
    throw new ContentError(`No valid business content to start with: ${report}`)
  }
  return { store: createContentStore({ db, clock }, current), warnings }
}

/** A store over already-valid content (tests use this directly). */
export function createContentStore({ db, clock }: { db: Db; clock: Clock }, initial: Content): ContentStore {
  let current = initial
  const store: ContentStore = {
    get: () => current,
    replace(yaml, source, uploadedBy) {
      const parsed = parseContent(yaml)
      if (!parsed.ok) return { ok: false, errors: parsed.errors, report: formatContentReport(parsed.errors) }
      saveContentVersion(db, { source, hash: sha256(yaml), yaml, uploadedBy: uploadedBy ?? null }, clock.now())
      current = parsed.content
      return { ok: true, content: current }
    },
    watchFile(path, onResult) {
      // Polling survives editors that replace the file (rename) where fs.watch loses track.
      const listener = (curr: { mtimeMs: number }, prev: { mtimeMs: number }) => {
        if (curr.mtimeMs === prev.mtimeMs) return
        const yaml = readText(path)
        if (yaml === undefined || latestContentVersion(db, 'file')?.hash === sha256(yaml)) return
        onResult(store.replace(yaml, 'file'))
      }
      watchFile(path, { interval: 2000 }, listener)
      return () => unwatchFile(path, listener)
    },
  }
  return store
}
