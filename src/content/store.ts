/**
 * Holds the business content the bot runs on. Every accepted file is saved in
 * the database (`content_versions`), so:
 * - an invalid file never replaces the last good content — the bot keeps
 *   running on it and the report says what to fix;
 * - content the owner sent as a document survives a restart;
 * - an edit of the file on disk is noticed (by its hash) and wins over older uploads.
 * It also remembers the title of every product it ever applied (`product_titles`): bookings,
 * orders, quiz results and saved segments name a product by its id, and one since taken out of
 * the content still reads by its title.
 */
import { createHash } from 'node:crypto'
import { readFileSync, type Stats, unwatchFile, watchFile } from 'node:fs'
import { parse } from 'yaml'
import type { Db } from '../../db/client.ts'
import { doneOnce, markDoneOnce, ONCE } from '../../db/migrate.ts'
import {
  type ContentVersion,
  contentVersionTexts,
  latestContentVersion,
  saveContentVersion,
} from '../../db/repositories/content-versions.ts'
import { allProductTitles, saveProductTitles } from '../../db/repositories/product-titles.ts'
import type { Clock } from '../clock.ts'
import { writeEnglishAsIn, writeMoneyAsIn } from '../format.ts'
import { writePhonesAsIn } from '../phone.ts'
import { describeFileError } from '../text.ts'
import { type ContentIssue, formatContentReport, parseContent } from './loader.ts'
import { type Content, type Product, textSchema } from './schema.ts'
import { pickText, type Text } from './text.ts'

/**
 * A file sent in the owners' chat that an edit of the file on the server replaced: when it came,
 * and from whom. The owner who sent it believed it in force; they are told (src/app.ts).
 */
export interface ReplacedUpload {
  at: number
  by: number | null
}

/**
 * `previous`: the content the new one replaced (what follows the content compares them);
 * `replacedUpload`: an edit of the file on the server replaced a file sent in the chat.
 */
export type ContentUpdateResult =
  | { ok: true; content: Content; previous: Content; unchanged?: true; replacedUpload?: ReplacedUpload }
  | { ok: false; report: string; errors: ContentIssue[] }

export class ContentError extends Error {
  override name = 'ContentError'
}

export interface ContentStore {
  /** The content in force now. */
  get(): Content
  /**
   * The text of the content in force, exactly as it was applied (the file on the server, or a file
   * sent in the chat: comments, spacing and all), for an owner to edit and send back (/content).
   */
  yaml(): string
  /**
   * A product's title in `locale`: from the content in force, else as it read when last in
   * force (a booking or an order of a product since taken out keeps its title); undefined for
   * no product or one the bot never had.
   */
  productTitle(productId: string | null, locale: string): string | undefined
  /** Validates and, if valid, applies and saves new content. */
  replace(yaml: string, source: 'file' | 'upload', uploadedBy?: number): ContentUpdateResult
  /** Re-reads the file when it changes on disk; returns a function that stops watching. */
  watchFile(path: string, onResult: (result: ContentUpdateResult) => void): () => void
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

/** How often the file on disk is looked at. */
const FILE_POLL_MS = 2000
/** How long a changed file must stay the same before it is read as saved. */
const FILE_SETTLE_MS = 1000

/** The file's text, or why it cannot be read ("no such file", "permission denied"). */
function readText(path: string): { text: string } | { problem: string } {
  try {
    return { text: readFileSync(path, 'utf8') }
  } catch (err) {
    return { problem: describeFileError(err) }
  }
}

/**
 * Saved content as the bot starts on it. It was accepted by the checks of its day: a later
 * version's stricter checks (a text's length, a product a staff-group rule names, a text
 * answer's max_length) must not
 * stop the bot from starting on it, so it runs, with a warning naming what they find. Parsed
 * once when it passes every check, as it almost always does.
 */
function readSaved(yaml: string, path: string): { content: Content; warnings: string[] } | undefined {
  const strict = parseContent(yaml)
  if (strict.ok) return { content: strict.content, warnings: [] }
  const lenient = parseContent(yaml, { saved: true })
  if (!lenient.ok) return undefined
  return {
    content: lenient.content,
    warnings: [
      'The content in force has texts too long for one Telegram message (clients get an error on those screens ' +
        'until you shorten them) or other problems the checks of this version find; ' +
        `check with: npm run content:check -- ${path}\n${formatContentReport(strict.errors)}`,
    ],
  }
}

/** The version in force, when it is a file sent in the chat: what an edit on the server replaces. */
function uploadIn(version: ContentVersion | undefined): ReplacedUpload | undefined {
  return version?.source === 'upload' ? { at: version.createdAt, by: version.uploadedBy } : undefined
}

/**
 * Loads content at start-up: the file if it changed since it was last seen
 * and is valid; otherwise the newest saved version.
 * @returns the store, warnings to log (e.g. the report of an invalid file) and, when the
 *   file is invalid and the last good content was kept, its problems (`invalid`): the
 *   owners are told of them as of an invalid edit while the bot runs.
 * @throws ContentError when there is neither a valid file nor saved content:
 *   the message names CONTENT_PATH and says what to fix.
 */
export function loadContentStore(
  { db, clock }: { db: Db; clock: Clock },
  path: string,
): { store: ContentStore; warnings: string[]; invalid?: ContentIssue[]; replacedUpload?: ReplacedUpload } {
  const file = readText(path)
  const lastFile = latestContentVersion(db, 'file')
  const saved = latestContentVersion(db)
  const fromSaved = saved ? readSaved(saved.yaml, path) : undefined
  // The saved version the bot falls back on, with its text
  const fallback = saved && fromSaved ? { content: fromSaved.content, yaml: saved.yaml } : undefined
  const tooLong = fromSaved?.warnings ?? []
  const store = (content: Content, yaml: string, rejectedFile?: string) =>
    createContentStore({ db, clock }, content, yaml, rejectedFile)

  if ('problem' in file) {
    if (fallback) {
      return {
        store: store(fallback.content, fallback.yaml),
        warnings: [`Content file ${path} cannot be read (${file.problem}); using the last saved content`, ...tooLong],
      }
    }
    throw new ContentError(
      `CONTENT_PATH "${path}" cannot be read (${file.problem}), and there is no content saved from an earlier start — ` +
        'set CONTENT_PATH to your business content file (the demo is db/seed/web-studio.yaml)',
    )
  }
  if (lastFile?.hash === sha256(file.text) && fallback) {
    return { store: store(fallback.content, fallback.yaml), warnings: tooLong }
  }

  const parsed = parseContent(file.text)
  if (parsed.ok) {
    // Edited while the bot was stopped, after a file was sent in the chat: the edit wins, and says so
    const replacedUpload = uploadIn(saved)
    if (lastFile?.hash !== sha256(file.text)) {
      saveContentVersion(db, { source: 'file', hash: sha256(file.text), yaml: file.text }, clock.now())
    }
    return {
      store: store(parsed.content, file.text),
      warnings: [],
      ...(replacedUpload ? { replacedUpload } : {}),
    }
  }
  const report = formatContentReport(parsed.errors)
  if (fallback) {
    return {
      store: store(fallback.content, fallback.yaml, sha256(file.text)),
      warnings: [`Content file ${path} is invalid, kept the last good content:\n${report}`, ...tooLong],
      invalid: parsed.errors,
    }
  }
  throw new ContentError(
    `CONTENT_PATH "${path}" is invalid, and this is the first start, so there is no earlier content to run on. ` +
      `Fix these problems (check with: npm run content:check -- ${path}) and start again:\n${report}`,
  )
}

/**
 * The titles of every product ever applied, read once, and `remember` for content being
 * applied (it writes only titles that are new or changed). The first start with the table fills
 * it from the versions saved before it existed, oldest first so the newest title wins, and marks
 * that done: a business that never had a product leaves the table empty, and its versions are
 * not read again at every start.
 */
function rememberedTitles({ db, clock }: { db: Db; clock: Clock }) {
  const titles = new Map<string, Text>(allProductTitles(db).map((r) => [r.productId, r.title]))
  const remember = (products: readonly ProductTitle[]) => {
    const changed = products.filter((p) => JSON.stringify(titles.get(p.id)) !== JSON.stringify(p.title))
    saveProductTitles(
      db,
      changed.map((p) => ({ productId: p.id, title: p.title })),
      clock.now(),
    )
    for (const p of changed) titles.set(p.id, p.title)
  }
  if (!doneOnce(db.$client, ONCE.productTitlesFilled)) {
    // Under the write lock from the start: a read that then writes, in a transaction begun as a
    // reader, is refused at once (SQLITE_BUSY, no waiting) when another process wrote meanwhile
    db.transaction(
      () => {
        if (doneOnce(db.$client, ONCE.productTitlesFilled)) return // that other process did it
        for (const yaml of contentVersionTexts(db)) remember(productTitlesIn(yaml))
        markDoneOnce(db.$client, ONCE.productTitlesFilled)
      },
      { behavior: 'immediate' },
    )
  }
  return { titles, remember }
}

type ProductTitle = Pick<Product, 'id' | 'title'>

/**
 * The products' ids and titles in a saved version, and nothing else of it: it was accepted when
 * saved, and other parts may fail today's checks. None when it has no products.
 */
function productTitlesIn(yaml: string): ProductTitle[] {
  let products: unknown
  try {
    products = (parse(yaml, { logLevel: 'error' }) as { products?: unknown } | null)?.products
  } catch {
    // On purpose: a version this parser no longer reads has no titles to give; the others do
    return []
  }
  if (!Array.isArray(products)) return []
  return products.flatMap((p: { id?: unknown; title?: unknown } | null) => {
    const title = textSchema.safeParse(p?.title)
    return typeof p?.id === 'string' && title.success ? [{ id: p.id, title: title.data }] : []
  })
}

/**
 * A store over already-valid content (tests use this directly), `yaml` its text. `rejectedFile`:
 * the hash of the file on disk when it was found invalid at start-up (its report is given then).
 */
export function createContentStore(
  { db, clock }: { db: Db; clock: Clock },
  initial: Content,
  yaml: string,
  rejectedFile?: string,
): ContentStore {
  let current = initial
  let currentYaml = yaml
  writeEnglishAsIn(current.business.timezone)
  writeMoneyAsIn(current.business.timezone)
  writePhonesAsIn(current.business.timezone)
  const { titles, remember } = rememberedTitles({ db, clock })
  remember(current.products)
  /**
   * The hash of the file's text last found invalid, until the file is valid again: saving the
   * same text again (a second Ctrl+S, `touch`) changes the modification time alone, and the
   * owners were told about this text already. In memory: a restart reports it once more.
   */
  let rejected = rejectedFile
  const store: ContentStore = {
    get: () => current,
    yaml: () => currentYaml,
    productTitle(productId, locale) {
      // The map holds the content in force too (remembered as it is applied)
      const title = productId === null ? undefined : titles.get(productId)
      return title === undefined ? undefined : pickText(title, locale)
    },
    replace(yaml, source, uploadedBy) {
      const parsed = parseContent(yaml)
      if (!parsed.ok) return { ok: false, errors: parsed.errors, report: formatContentReport(parsed.errors) }
      const replacedUpload = source === 'file' ? uploadIn(latestContentVersion(db)) : undefined
      saveContentVersion(db, { source, hash: sha256(yaml), yaml, uploadedBy: uploadedBy ?? null }, clock.now())
      const previous = current
      current = parsed.content
      currentYaml = yaml
      writeEnglishAsIn(current.business.timezone)
      writeMoneyAsIn(current.business.timezone)
      writePhonesAsIn(current.business.timezone)
      remember(current.products)
      return { ok: true, content: current, previous, ...(replacedUpload ? { replacedUpload } : {}) }
    },
    watchFile(path, onResult) {
      const settled = (text: string) => {
        const hash = sha256(text)
        if (hash === rejected) return
        if (latestContentVersion(db, 'file')?.hash === hash) {
          // Back to the file last applied: nothing to apply, and the same mistake made again is news.
          // After a rejected version it is a fix all the same (`unchanged`): the bot runs on it
          const fixed = rejected !== undefined
          rejected = undefined
          if (fixed) onResult({ ok: true, content: store.get(), previous: store.get(), unchanged: true })
          return
        }
        const result = store.replace(text, 'file')
        rejected = result.ok ? undefined : hash
        onResult(result)
      }
      /**
       * A file being written (an editor saving in steps, an upload over a slow link) is read
       * more than once: its text is taken when two looks FILE_SETTLE_MS apart find it the same,
       * so a part of it is neither applied nor reported as broken.
       */
      let lastLook: string | undefined
      let nextLook: ReturnType<typeof setTimeout> | undefined
      const look = () => {
        nextLook = undefined
        const file = readText(path)
        // An editor replacing the file may leave it missing for a moment: the next change is read
        if ('problem' in file) {
          lastLook = undefined
          return
        }
        if (file.text === lastLook) {
          lastLook = undefined
          settled(file.text)
          return
        }
        lastLook = file.text
        nextLook = setTimeout(look, FILE_SETTLE_MS)
      }
      // Polling survives editors that replace the file (rename) where fs.watch loses track. A save
      // may leave the time as it was (a file system that keeps it to the second): the size or the
      // file itself (a rename) changes then.
      const listener = (curr: Stats, prev: Stats) => {
        if (curr.mtimeMs === prev.mtimeMs && curr.size === prev.size && curr.ino === prev.ino) return
        if (nextLook === undefined) look()
      }
      watchFile(path, { interval: FILE_POLL_MS }, listener)
      return () => {
        unwatchFile(path, listener)
        clearTimeout(nextLook)
      }
    },
  }
  return store
}
