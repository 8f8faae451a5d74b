/**
 * Reads the business content file and turns every problem into an issue that
 * names the path and the line, so the owner can fix the file without guessing.
 * Callers keep their last good content when the result is not ok.
 */
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import {
  type Document,
  isAlias,
  isMap,
  isNode,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type YAMLParseError,
} from 'yaml'
import { z } from 'zod'
import { LANGUAGES } from '../locales/languages.ts'
import { clip, closest, describeFileError } from '../text.ts'
import { checkMessageLengths, NOT_TEXTS } from './message-length.ts'
import { isReplyVariable, missingSource, REPLY_VARIABLE_NAMES, templateVariables } from './replies.ts'
import {
  type Content,
  CUT_TEXT,
  contentSchema,
  optionWeightFor,
  TAG_WEIGHT_PREFIX,
  TEXT_ANSWER_LIMIT,
  unknownLanguage,
  writtenLike,
} from './schema.ts'

/**
 * What kind of problem an issue is, for the few words in the owner's language that open its
 * line in Telegram (`content-issue-lead`): the message itself is the checker's, in English.
 */
export type ContentIssueKind =
  | 'syntax'
  | 'encoding'
  | 'empty'
  | 'file'
  | 'unknown-key'
  | 'decimal-comma'
  | 'required'
  | 'number'
  | 'text'
  | 'list'
  | 'boolean'
  | 'mapping'
  | 'choice'
  | 'bound'
  | 'format'
  | 'duplicate'
  | 'no-main-language'
  | 'unknown-language'
  | 'too-long'
  | 'other'

export interface ContentIssue {
  /** Like `quiz → questions → #3 (goal) → options → #2 → weights → landing` (formatPath); empty for the file as a whole. */
  path: string
  /** 1-based line in the file, when the problem can be pinned to one. */
  line?: number
  message: string
  /** Absent: 'other'. */
  kind?: ContentIssueKind
  /** The file could not be read (its encoding, its YAML syntax): nothing in it was checked yet. */
  unread?: true
  /** How many problems this line stands for: one mistake repeated ("the same in 36 more places"); one when absent. */
  count?: number
}

/** How many problems `errors` report: what an owner's "В файле N ошибок" counts, each repeat of a mistake too. */
export function issueCount(errors: readonly ContentIssue[]): number {
  return errors.reduce((total, issue) => total + (issue.count ?? 1), 0)
}

/** Issues that stopped the reading of the file: once they are fixed, the check may find more. */
const unread = (...issues: ContentIssue[]): ContentIssue[] => issues.map((issue) => ({ ...issue, unread: true }))

export type ContentResult = { ok: true; content: Content } | { ok: false; errors: ContentIssue[] }

/** The demo content shipped with the code. */
export const DEMO_CONTENT_PATH = fileURLToPath(new URL('../../db/seed/web-studio.yaml', import.meta.url))

type PathSegment = string | number

/** An issue before its line is looked up. */
interface LocatedIssue {
  path: PathSegment[]
  message: string
  kind?: ContentIssueKind
  /** A text cut at an unquoted ": " (CUT_TEXT, at the text): worded once the file shows how it was written. */
  cut?: true
}

/**
 * Reads and checks a content file; never throws. `saved: true` leaves out the checks added
 * after content could first be saved (the file's encoding; texts in the languages the bot
 * speaks; a question's buttons within Telegram's limit; every text and screen fits one Telegram message; the products a staff-group rule names exist; a text answer's length limits
 * can be reached): content accepted before them must still start the bot (see
 * loadContentStore), so a later version's stricter check warns and never stops it.
 */
export function parseContent(yamlText: string, { saved = false }: { saved?: boolean } = {}): ContentResult {
  // Checked before the YAML: a file in another encoding often reads as valid YAML, each Cyrillic letter a "�"
  const encoding = saved ? undefined : encodingProblem(yamlText)
  if (encoding) return { ok: false, errors: unread(encoding) }
  const lineCounter = new LineCounter()
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false })
  if (doc.errors.length > 0)
    return { ok: false, errors: unread(...onceEach(yamlSyntaxIssues(doc.errors, yamlText, lineCounter))) }

  let data: unknown
  try {
    data = doc.toJS()
  } catch (error) {
    const message = (error as Error).message
    // A text starting with * is read as a reference to an anchor ("&name") the file does not set
    const alias = /^Unresolved alias.*: (.+)$/.exec(message)?.[1]
    const at = alias === undefined ? -1 : yamlText.indexOf(`*${alias}`)
    if (at !== -1) {
      const line = lineCounter.linePos(at).line
      const syntax = `YAML syntax error: ${mustBeQuoted('*')}`
      return { ok: false, errors: unread({ path: '', line, message: syntax, kind: 'syntax' }) }
    }
    // e.g. too many aliases (a "billion laughs" file)
    return { ok: false, errors: unread({ path: '', message: `YAML error: ${message}`, kind: 'syntax' }) }
  }
  if (data === null || data === undefined) {
    return { ok: false, errors: [{ path: '', message: 'the file is empty', kind: 'empty' }] }
  }

  const allowedKeys = new Map<string, string[]>()
  const parsed = contentSchema.safeParse(data, { error: (issue) => friendlyMessage(issue, allowedKeys) })
  // Cross-reference checks need a well-formed file, so they run once the schema passes. A text's
  // own languages need no more than the text and the file's `languages`: checked with the schema's
  // issues, so a text with no "ru" and another with an "eng" are reported together, not one upload
  // after the other
  const issues = parsed.success
    ? findCrossReferenceIssues(parsed.data, data, saved)
    : withTextLanguages(
        parsed.error.issues.flatMap((issue) => flattenIssue(issue, [], allowedKeys)),
        saved ? [] : textVariantIssues(data),
      )
  if (parsed.success && issues.length === 0) return { ok: true, content: parsed.data }

  const errors = issues.map((issue) => {
    const at = nodeAt(doc, lineCounter, issue.path)
    return {
      path: formatPath(issue.path, data),
      // A text cut at ": " at its own line, where the colon is: under its key when written there
      line: issue.cut ? (at.own ?? at.line) : at.line,
      message: issue.cut ? cutText(at.node, data) : issue.message,
      ...(issue.kind === undefined ? {} : { kind: issue.kind }),
    }
  })
  // Top to bottom, as the owner reads the file; file-level issues first.
  errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0))
  return { ok: false, errors: countedRepeats(errors) }
}

/** How many places of one and the same problem are listed before the rest are counted. */
const REPEATS_LISTED = 3

/**
 * One mistake made all over the file (every text written `{ en: … }` without the Russian the
 * file's languages ask for) is listed at its first few places, then counted with the lines of
 * the others in one entry: 39 lines of the same message buried the one different mistake at
 * line 34 of 40.
 */
function countedRepeats(errors: ContentIssue[]): ContentIssue[] {
  const seen = new Map<string, number>()
  const rest = new Map<string, ContentIssue[]>()
  const listed: ContentIssue[] = []
  for (const error of onceEach(errors)) {
    const count = (seen.get(error.message) ?? 0) + 1
    seen.set(error.message, count)
    if (count <= REPEATS_LISTED) listed.push(error)
    else rest.set(error.message, [...(rest.get(error.message) ?? []), error])
  }
  for (const [message, more] of rest) {
    const lines = more.flatMap((e) => (e.line === undefined ? [] : [e.line]))
    listed.push({
      path: '',
      count: more.length,
      ...(more[0]?.kind === undefined ? {} : { kind: more[0].kind }),
      ...(lines[0] === undefined ? {} : { line: lines[0] }),
      message: `the same in ${more.length} more place${more.length === 1 ? '' : 's'}${
        lines.length > 0 ? ` (lines ${lines.join(', ')})` : ''
      }: ${message}`,
    })
  }
  return listed.sort((a, b) => (a.line ?? 0) - (b.line ?? 0))
}

/**
 * Drops an issue that says the same as one before it at the same place: the parser reports a
 * line with two ": " in it ("Маникюр: педикюр… Звоните: +7…") once for each, and the owner saw
 * one line of the report twice.
 */
function onceEach(issues: ContentIssue[]): ContentIssue[] {
  const seen = new Set<string>()
  return issues.filter(({ path, line, message }) => {
    const key = JSON.stringify([path, line, message])
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/** What every reader of the file (the check, the bot, an upload) decodes it as. */
const REPLACEMENT_CHARACTER = '\uFFFD'

/**
 * The file is read as UTF-8: bytes that are not UTF-8 (Windows-1251, an editor's "ANSI") become
 * "�", and a UTF-16 file ("Unicode" in Notepad) has a zero byte in every character of Latin
 * text. Content saved before this check holds what it held (`saved` in parseContent).
 */
function encodingProblem(text: string): ContentIssue | undefined {
  if (text.includes('\u0000')) {
    // UTF-16 starts with its byte-order mark (not UTF-8: read as two replacement characters)
    // or, without one, puts a zero byte beside every Latin letter, and a file's keys are Latin:
    // a quarter of its start or more. A Word document or a PDF renamed has a few here and there
    const head = text.slice(0, 400)
    const zeros = head.split('\u0000').length - 1
    return text.startsWith(REPLACEMENT_CHARACTER.repeat(2)) || zeros * 4 >= head.length
      ? {
          path: '',
          message: 'the file is saved as UTF-16 ("Unicode"): save it with the encoding UTF-8',
          kind: 'encoding',
        }
      : {
          path: '',
          kind: 'encoding',
          message:
            'this is not a text file (a Word document, a PDF, a picture?): save the content as plain text in UTF-8, with the extension .yaml',
        }
  }
  const at = text.indexOf(REPLACEMENT_CHARACTER)
  if (at === -1) return undefined
  return {
    path: '',
    line: text.slice(0, at).split('\n').length,
    message: 'the file is not saved as UTF-8 (perhaps as Windows-1251): save it with the encoding UTF-8',
    kind: 'encoding',
  }
}

/**
 * Whether these issues say the file could not be read (its encoding, its YAML syntax): then
 * nothing in it was checked yet, and once they are fixed the next check may find more.
 */
export function stoppedBeforeContent(errors: readonly ContentIssue[]): boolean {
  return errors.some((issue) => issue.unread === true)
}

/** Reads and validates a content file; an unreadable file is reported as one issue. */
export async function loadContentFile(filePath: string): Promise<ContentResult> {
  let text: string
  try {
    text = await readFile(filePath, 'utf8')
  } catch (error) {
    const message = `cannot read ${filePath}: ${describeFileError(error)}`
    return { ok: false, errors: [{ path: '', message, kind: 'file' }] }
  }
  return parseContent(text)
}

/**
 * One line per issue: `path: message (line N)`. With `maxChars` (a Telegram message holds
 * 4096), the lines that fit are kept whole and the rest is summarised as "…and N more",
 * with the command that lists them all.
 */
export function formatContentReport(
  errors: readonly ContentIssue[],
  options: {
    maxChars?: number
    /** The last line of a report cut short, for `count` lines left out (English, for the console, by default). */
    more?: (count: number) => string
    /** Words put before each line, joined with " — " (an owner's, in their language; none for the console). */
    lead?: (kind: ContentIssueKind) => string
  } = {},
): string {
  const lines = errors.map(({ path, line, message, kind }) => {
    const where = line === undefined ? '' : ` (line ${line})`
    const said = path ? `${path}: ${message}${where}` : `${message}${where}`
    return options.lead ? `${options.lead(kind ?? 'other')} — ${said}` : said
  })
  const all = lines.join('\n')
  if (options.maxChars === undefined || all.length <= options.maxChars) return all
  const budget = options.maxChars - REPORT_TAIL_CHARS
  const shown: string[] = []
  let length = 0
  for (const line of lines) {
    if (length + line.length + 1 > budget) break
    shown.push(line)
    length += line.length + 1
  }
  // One line longer than the whole budget is cut rather than leave the report empty
  if (shown.length === 0) shown.push(clip(lines[0] as string, budget))
  const left = lines.length - shown.length
  shown.push(options.more ? options.more(left) : `…and ${left} more: npm run content:check lists them all`)
  return shown.join('\n')
}

/** Room kept for the "…and N more" line (an owner's, in their language, is longer). */
const REPORT_TAIL_CHARS = 200

// ---------------------------------------------------------------- YAML errors → owner's words

const indentOf = (line: string | undefined) => /^ */.exec(line ?? '')?.[0].length ?? 0

/** A line that opens a text block: `key: |`, `key: >-` (a comment may follow). */
const BLOCK_TEXT_START = /:\s*[|>][-+]?\s*(#.*)?$/

/**
 * One issue per syntax error, at the line to fix where the parser's position misleads: a line
 * indented one step too far is read as the end of the text on the line above ("about: We build
 * websites", then "   timezone: …"), a line without ": " as the start of a key running on to the
 * next line, and the lines of a `|` text not indented under their key as keys of their own.
 */
function yamlSyntaxIssues(errors: readonly YAMLParseError[], source: string, lineCounter: LineCounter): ContentIssue[] {
  const lines = source.split('\n')
  const lineAt = (offset: number) => lineCounter.linePos(offset).line
  /** The line before `line` that is neither blank nor a comment. */
  const lineAbove = (line: number) => {
    for (let n = line - 1; n >= 1; n--) {
      const text = lines[n - 1] ?? ''
      if (text.trim() !== '' && !text.trim().startsWith('#')) return n
    }
    return undefined
  }
  /** Where and what, for an error about a key running over more than one line. */
  const multiline = (error: YAMLParseError): { line: number; message: string } | undefined => {
    const [start, end] = [lineAt(error.pos[0]), lineAt(error.pos[1])]
    const above = lineAbove(start)
    if (above !== undefined && BLOCK_TEXT_START.test(lines[above - 1] ?? '')) {
      if (indentOf(lines[start - 1]) <= indentOf(lines[above - 1])) {
        return { line: start, message: 'the lines of a text after "|" or ">" must be indented more than its key' }
      }
    }
    if (end === start + 1 && indentOf(lines[end - 1]) > indentOf(lines[start - 1])) {
      return {
        line: end,
        message:
          "this line is indented more than the key above it, so it reads as the end of that key's text: if it is a key, indent it like the other keys of its block; if it goes on with the text, put the whole text in quotes",
      }
    }
    if (indentOf(lines[end - 1]) <= indentOf(lines[start - 1])) {
      return { line: start, message: 'not a "key: value" line: is the colon, or the space after it, missing?' }
    }
    return undefined
  }
  /** The first line from `offset` on that is neither blank nor a comment: where a block's indentation goes wrong. */
  const contentFrom = (offset: number) => {
    const rest = source.slice(offset)
    const at = /^(?:[ \t]*(?:#[^\n]*)?\r?\n)*[ \t]*/.exec(rest)?.[0].length ?? 0
    return lineAt(offset + at)
  }
  // A tab in the indentation throws the lines after it out of their blocks: the tabs are what to fix
  const tabs = errors.filter((error) => error.code === 'TAB_AS_INDENT')
  const shown = tabs.length > 0 ? tabs : errors
  const issues: ContentIssue[] = []
  shown.forEach((error, i) => {
    const next = shown[i + 1]
    // The same place as the next error, which says it better
    if (error.code === 'BLOCK_AS_IMPLICIT_KEY' && next?.code === 'MULTILINE_IMPLICIT_KEY') {
      if (next.pos[0] === error.pos[0] && multiline(next)) return
    }
    const told = error.code === 'MULTILINE_IMPLICIT_KEY' ? multiline(error) : undefined
    issues.push({
      path: '',
      line: told?.line ?? (error.code === 'BAD_INDENT' ? contentFrom(error.pos[0]) : lineAt(error.pos[0])),
      message: `YAML syntax error: ${told?.message ?? describeYamlError(error, source)}`,
      kind: 'syntax',
    })
  })
  return issues
}

/**
 * The parser's message in the words of an owner editing the file, with what to do, for the
 * mistakes owners make; any other stays as the parser wrote it.
 */
function describeYamlError(error: YAMLParseError, source: string): string {
  const { code, message } = error
  switch (code) {
    case 'TAB_AS_INDENT':
      return 'a tab in the indentation: indent with spaces only'
    case 'BAD_INDENT':
      if (message.endsWith('end with a ]'))
        return 'a list in [ ] is not closed: end it with ] (on the line above, or on this one)'
      if (message.endsWith('end with a }'))
        return 'a { } is not closed: end it with } (on the line above, or on this one)'
      if (message.startsWith('All mapping items must start at the same column'))
        return 'the indentation does not match its block (keys of one block start at the same column): check this line and the ones above it'
      return message
    case 'BLOCK_AS_IMPLICIT_KEY':
      return 'a text with ": " in it: put the whole text in quotes'
    case 'BAD_SCALAR_START': {
      const character = /character (\S)$/.exec(message)?.[1]
      return character ? mustBeQuoted(character) : message
    }
    case 'MISSING_CHAR':
      if (/^Missing closing .quote$/.test(message))
        return 'a text in quotes has no closing quote: add it at the end of the text'
      if (message === 'Implicit map keys need to be followed by map values')
        return 'not a "key: value" line: is the colon, or the space after it, missing?'
      if (message === 'Sequence item without - indicator')
        return 'a list item without "- " in front, or indented differently from the items above it'
      return message
    case 'DUPLICATE_KEY': {
      const key = /^["']?([^"':\n]+)/.exec(source.slice(error.pos[0]))?.[1]?.trim()
      return key
        ? `the key "${key}" is written twice in one block: keep one`
        : 'a key is written twice in one block: keep one'
    }
    case 'UNEXPECTED_TOKEN': {
      if (!message.startsWith('Unexpected scalar at node end')) return message
      // What the value on this line starts with: an alias ("*best* websites") or a quoted text
      const lineStart = source.lastIndexOf('\n', error.pos[0] - 1) + 1
      const value = /^\s*(?:- )?[^:#]*:\s+(.)/.exec(source.slice(lineStart, error.pos[0]))?.[1]
      if (value === '*' || value === '&') return mustBeQuoted(value)
      if (value === '"' || value === "'")
        return 'text after a closing quote: put quotes only around the whole text (inside it, use « »)'
      return message
    }
    default:
      return message
  }
}

function mustBeQuoted(character: string): string {
  return `a text starting with ${character} must be in quotes: "${character}…"`
}

// ---------------------------------------------------------------- zod issues → owner's words

/**
 * Per-parse error map: zod's defaults speak to programmers ("expected number,
 * received string"); these speak to an owner editing YAML. Messages written in
 * the schema itself take precedence over this map.
 */
function friendlyMessage(issue: z.core.$ZodRawIssue, allowedKeys: Map<string, string[]>): string | undefined {
  switch (issue.code) {
    case 'invalid_type': {
      const example = issue.inst === undefined ? undefined : writtenLike.get(issue.inst as z.ZodType)?.example
      const mismatch = describeTypeMismatch(issue.expected, issue.input)
      return example === undefined || issue.input === undefined ? mismatch : `${mismatch} (write it like ${example})`
    }
    case 'too_small':
      return describeBound('at least', 'greater than', Number(issue.minimum), issue.inclusive, issue.origin)
    case 'too_big':
      return describeBound('at most', 'less than', Number(issue.maximum), issue.inclusive, issue.origin)
    case 'invalid_value': {
      const allowed = issue.values.map(String)
      const suggestion = typeof issue.input === 'string' ? closest(issue.input, allowed) : undefined
      if (suggestion) return `expected one of: ${allowed.join(', ')} (did you mean "${suggestion}"?)`
      return `expected one of: ${allowed.join(', ')}; got ${describeValue(issue.input)}`
    }
    case 'invalid_format':
      if (issue.format === 'email') return 'expected an e-mail address like hello@example.com'
      if (issue.format === 'url') return 'expected a link starting with https://'
      return 'has the wrong format'
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}`
    case 'unrecognized_keys':
      // Remembered so each unknown key can get its own "did you mean" (see flattenIssue).
      if (issue.inst instanceof z.ZodObject) allowedKeys.set(pathKey(issue.path ?? []), Object.keys(issue.inst.shape))
      return 'unknown key'
    case 'invalid_key':
    case 'invalid_element':
      return issue.issues.map((inner) => inner.message).join('; ')
    case 'invalid_union':
      return 'does not match any allowed form'
    default:
      return undefined
  }
}

function describeTypeMismatch(expected: string, input: unknown): string {
  if (input === undefined) return 'is required'
  const wanted = EXPECTED_TYPE_NAMES[expected] ?? expected
  let hint = ''
  if (expected === 'string' && typeof input === 'number') hint = ' (put it in quotes to use it as text)'
  if (expected === 'array' && typeof input === 'string') hint = ` (write a list: [${JSON.stringify(input)}])`
  return `expected ${wanted}, got ${describeValue(input)}${hint}`
}

const EXPECTED_TYPE_NAMES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping of keys to values',
  record: 'a mapping of keys to values',
}

function describeBound(inclusiveWord: string, exclusiveWord: string, limit: number, inclusive = true, origin = '') {
  if (origin === 'string') {
    if (inclusiveWord === 'at least' && limit <= 1) return 'must not be empty'
    return `must be ${inclusiveWord} ${limit} characters long`
  }
  if (origin === 'array' || origin === 'set') {
    const verb = inclusiveWord === 'at least' ? 'needs' : 'may have'
    return `${verb} ${inclusiveWord} ${limit} ${limit === 1 ? 'item' : 'items'}`
  }
  return `must be ${inclusive ? inclusiveWord : exclusiveWord} ${limit}`
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'an empty value'
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)
  if (typeof value === 'number') return `the number ${value}`
  if (typeof value === 'boolean') return String(value)
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'a mapping'
  return typeof value
}

/** Splits zod issues into one issue per thing the owner has to fix. */
function flattenIssue(
  issue: z.core.$ZodIssue,
  base: PathSegment[],
  allowedKeys: Map<string, string[]>,
): LocatedIssue[] {
  const path = [...base, ...issue.path.map(toSegment)]
  if (issue.code === 'unrecognized_keys') {
    const allowed = allowedKeys.get(pathKey(path)) ?? []
    return issue.keys.map((key) => ({ path: [...path, key], ...unknownKey(key, allowed) }))
  }
  if (issue.code === 'invalid_key') {
    // A text's key that is the rest of the text, cut at ": ": one issue at the text, however many
    // pieces it was cut into (worded in parseContent, which has the file)
    if (issue.issues.some((inner) => inner.code === 'custom' && inner.params?.kind === CUT_TEXT)) {
      return [{ path: path.slice(0, -1), message: 'a text cut at ": "', kind: 'syntax', cut: true }]
    }
    const inner = issue.issues[0]
    const kind = inner?.code === 'custom' ? (inner.params?.kind as ContentIssueKind | undefined) : undefined
    return [{ path, message: issue.message, kind: kind ?? 'other' }]
  }
  if (issue.code === 'invalid_union') {
    // A text is a string or a language map: when the value clearly tried to be
    // one of them (a map with a bad entry), report that branch's precise issues.
    const attempted = issue.errors.filter(
      (branch) => !branch.some((inner) => inner.path.length === 0 && inner.code === 'invalid_type'),
    )
    if (attempted.length === 1 && attempted[0]) {
      return attempted[0].flatMap((inner) => flattenIssue(inner, path, allowedKeys))
    }
  }
  return [{ path, message: issue.message, kind: issueKind(issue) }]
}

/**
 * The kind of a schema issue, for the owner's words before it: by its code, and for the messages
 * of this file and the schema by what they say ("is required", "expected a time like …").
 */
function issueKind(issue: z.core.$ZodIssue): ContentIssueKind {
  if (issue.message === 'is required' || issue.message.startsWith('is empty') || issue.message === 'must not be empty')
    return 'required'
  switch (issue.code) {
    case 'invalid_type':
      return EXPECTED_KINDS[issue.expected] ?? 'other'
    case 'invalid_union':
      return issue.message.startsWith('expected text') ? 'text' : 'other'
    case 'too_small':
    case 'too_big':
    case 'not_multiple_of':
      return 'bound'
    case 'invalid_value':
      return 'choice'
    case 'invalid_format':
      return 'format'
    case 'custom':
      if (issue.params?.kind !== undefined) return issue.params.kind as ContentIssueKind
      if (issue.message.startsWith('expected ')) return 'format'
      return issue.message.startsWith('unknown ') ? 'choice' : 'other'
    default:
      return 'other'
  }
}

const EXPECTED_KINDS: Partial<Record<string, ContentIssueKind>> = {
  string: 'text',
  number: 'number',
  int: 'number',
  boolean: 'boolean',
  array: 'list',
  object: 'mapping',
  record: 'mapping',
}

function unknownKey(key: string, allowed: readonly string[]): { message: string; kind: ContentIssueKind } {
  // "{ amount: 49 500,50, … }": in { } the comma ends the amount, and its kopecks are read as a key
  if (/^\d{1,2}$/.test(key) && allowed.includes('amount'))
    return {
      kind: 'decimal-comma',
      message:
        'inside { } a comma starts the next key: write the amount\'s decimals after a point (45 000.50), or the amount in quotes ("45 000,50")',
    }
  const suggestion = closest(key, allowed)
  if (suggestion) return { kind: 'unknown-key', message: `unknown key (did you mean "${suggestion}"?)` }
  return {
    kind: 'unknown-key',
    message: allowed.length ? `unknown key; allowed here: ${allowed.join(', ')}` : 'unknown key',
  }
}

// ---------------------------------------------------------------- checks across the file

/** `file`: the file as read, for what the schema's defaults hide (whether `languages` is written). */
function findCrossReferenceIssues(content: Content, file: unknown, saved: boolean): LocatedIssue[] {
  const issues: LocatedIssue[] = []
  issues.push(
    ...findDuplicates(
      content.products.map((product) => product.id),
      (i) => ['products', i, 'id'],
      'product id',
    ),
  )
  for (const section of ['discovery', 'quiz'] as const) {
    const questions = content[section].questions
    issues.push(
      ...findDuplicates(
        questions.map((question) => question.key),
        (i) => [section, 'questions', i, 'key'],
        'question key',
      ),
    )
    questions.forEach((question, q) => {
      issues.push(
        ...findDuplicates(
          question.options.map((option) => option.value),
          (i) => [section, 'questions', q, 'options', i, 'value'],
          'option value',
        ),
      )
    })
  }
  issues.push(...checkQuizWeights(content))
  issues.push(...checkSameAs(content))
  issues.push(...checkMatchThresholdReachable(content))
  issues.push(
    ...findDuplicates(
      content.managers.map((manager) => String(manager.id)),
      (i) => ['managers', i, 'id'],
      'manager id',
    ),
  )
  issues.push(
    ...findDuplicates(
      content.replies.map((reply) => reply.name),
      (i) => ['replies', i, 'name'],
      'reply name',
    ),
  )
  issues.push(...checkReplyVariables(content))
  // Checks added after content could be saved: see `saved` in parseContent
  if (!saved) {
    issues.push(
      ...checkOptionCounts(content),
      ...checkHandoffGroupProducts(content),
      ...checkTextAnswerLimits(content),
      ...checkTextLanguages(content, file),
      ...checkMessageLengths(content).map((issue): LocatedIssue => ({ ...issue, kind: 'too-long' })),
    )
  }
  return issues
}

/** Every `{variable}` in a saved reply is known and can be filled from this file. */
function checkReplyVariables(content: Content): LocatedIssue[] {
  const issues: LocatedIssue[] = []
  content.replies.forEach((reply, r) => {
    const variants: [PathSegment[], string][] =
      typeof reply.text === 'string'
        ? [[['replies', r, 'text'], reply.text]]
        : Object.entries(reply.text).map(([language, text]) => [['replies', r, 'text', language], text])
    for (const [path, text] of variants) {
      for (const variable of templateVariables(text)) {
        if (!isReplyVariable(variable)) {
          const suggestion = closest(variable, REPLY_VARIABLE_NAMES)
          const known = REPLY_VARIABLE_NAMES.map((name) => `{${name}}`).join(', ')
          issues.push({
            path,
            message: suggestion
              ? `unknown variable {${variable}} (did you mean {${suggestion}}?)`
              : `unknown variable {${variable}}; the variables are ${known}`,
          })
          continue
        }
        const missing = missingSource(variable, content)
        // Named as the owner finds it in the file, as every path is
        const field = missing && formatPath(missing.split('.'))
        if (field) issues.push({ path, message: `{${variable}} needs ${field}, which this file does not set` })
      }
    }
  })
  return issues
}

function findDuplicates(values: string[], pathOf: (index: number) => PathSegment[], what: string): LocatedIssue[] {
  const firstIndex = new Map<string, number>()
  const issues: LocatedIssue[] = []
  values.forEach((value, index) => {
    const first = firstIndex.get(value)
    if (first === undefined) {
      firstIndex.set(value, index)
    } else {
      issues.push({
        path: pathOf(index),
        message: `duplicate ${what} "${value}", already used at ${formatPath(pathOf(first))}`,
        kind: 'duplicate',
      })
    }
  })
  return issues
}

function checkQuizWeights(content: Content): LocatedIssue[] {
  const productIds = [...new Set(content.products.map((product) => product.id))]
  const tags = [...new Set(content.products.flatMap((product) => product.tags))]
  const issues: LocatedIssue[] = []
  content.quiz.questions.forEach((question, q) => {
    question.options.forEach((option, o) => {
      for (const key of Object.keys(option.weights)) {
        const path = ['quiz', 'questions', q, 'options', o, 'weights', key]
        const message = unknownWeightTarget(key, productIds, tags)
        if (message) issues.push({ path, message })
      }
    })
  })
  return issues
}

/**
 * A quiz question's `same_as` names a one-answer discovery question, each answer it maps is
 * an option on its side, and the two have answers in common: a link that carries nothing
 * would ask the client again without anyone noticing.
 */
function checkSameAs(content: Content): LocatedIssue[] {
  const discovery = content.discovery.questions
  const issues: LocatedIssue[] = []
  const linkedBy = new Map<string, number>()
  content.quiz.questions.forEach((question, q) => {
    const link = question.same_as
    if (!link) return
    const at = (...rest: (string | number)[]) => ['quiz', 'questions', q, 'same_as', ...rest]
    const twin = discovery.find((d) => d.key === link.discovery)
    if (!twin) {
      const keys = discovery.map((d) => d.key)
      const suggestion = closest(link.discovery, keys)
      const message = suggestion
        ? `no discovery question "${link.discovery}" (did you mean "${suggestion}"?)`
        : `no discovery question "${link.discovery}" (discovery keys: ${keys.join(', ') || 'there are none'})`
      issues.push({ path: at('discovery'), message })
      return
    }
    if (question.type !== 'choice' || twin.type !== 'choice') {
      issues.push({
        path: at('discovery'),
        message: `only two one-answer questions can be the same: this one is "${question.type}", "${twin.key}" is "${twin.type}"`,
      })
      return
    }
    const earlier = linkedBy.get(twin.key)
    if (earlier !== undefined) {
      issues.push({
        path: at('discovery'),
        message: `"${twin.key}" is already the same as ${formatPath(['quiz', 'questions', earlier])}`,
      })
    }
    linkedBy.set(twin.key, q)
    const here = question.options.map((o) => o.value)
    const there = twin.options.map((o) => o.value)
    if (link.answers && Object.keys(link.answers).length === 0) {
      issues.push({
        path: at('answers'),
        message: 'maps no answer: leave "answers" out when both have the same values',
      })
    } else if (link.answers) {
      for (const [from, to] of Object.entries(link.answers)) {
        if (!there.includes(from)) {
          issues.push({
            path: at('answers', from),
            message: `"${twin.key}" has no answer "${from}" (its answers: ${there.join(', ')})`,
          })
        }
        if (!here.includes(to)) {
          issues.push({
            path: at('answers', from),
            message: `this question has no answer "${to}" (its answers: ${here.join(', ')})`,
          })
        }
      }
    } else if (!here.some((value) => there.includes(value))) {
      issues.push({
        path: at('discovery'),
        message: `"${twin.key}" and this question have no answer values in common: say which answer is which with "answers"`,
      })
    }
  })
  return issues
}

/** Why a weight key names nothing, or undefined when it names a product or a used tag. */
function unknownWeightTarget(key: string, productIds: string[], tags: string[]): string | undefined {
  if (key.startsWith(TAG_WEIGHT_PREFIX)) {
    const tag = key.slice(TAG_WEIGHT_PREFIX.length)
    if (tags.includes(tag)) return undefined
    const suggestion = closest(tag, tags)
    return suggestion
      ? `unknown tag "${tag}" (did you mean "${TAG_WEIGHT_PREFIX}${suggestion}"?)`
      : `unknown tag "${tag}": no product has it`
  }
  if (productIds.includes(key)) return undefined
  if (tags.includes(key)) return `"${key}" is a tag, not a product id: write "${TAG_WEIGHT_PREFIX}${key}"`
  return unknownProductId(key, productIds, `; tags are written as ${TAG_WEIGHT_PREFIX}<tag>`)
}

/** Why `id` names no product, or undefined when it does; `hint` ends the list of the ids. */
function unknownProductId(id: string, productIds: string[], hint = ''): string | undefined {
  if (productIds.includes(id)) return undefined
  const suggestion = closest(id, productIds)
  if (suggestion) return `unknown product id "${id}" (did you mean "${suggestion}"?)`
  const known = productIds.length ? productIds.join(', ') : 'there are no products'
  return `unknown product id "${id}" (product ids: ${known}${hint})`
}

/** Telegram's limit on the buttons under one message. */
const BUTTONS_MAX = 100
/** The bot's own buttons under a question, at most: Done (several answers), Back, Skip, Keep as it is. */
const QUESTION_BUTTONS = 4
const OPTIONS_MAX = BUTTONS_MAX - QUESTION_BUTTONS

/** A question whose buttons Telegram would refuse: the client would get an error instead of it. */
function checkOptionCounts(content: Content): LocatedIssue[] {
  return (['discovery', 'quiz'] as const).flatMap((section) =>
    content[section].questions.flatMap((question, q) =>
      question.options.length > OPTIONS_MAX
        ? [
            {
              path: [section, 'questions', q, 'options'],
              message: `at most ${OPTIONS_MAX} options: Telegram shows at most ${BUTTONS_MAX} buttons under a message, and the bot adds up to ${QUESTION_BUTTONS} of its own (Done, Back, Skip, Keep as it is)`,
            },
          ]
        : [],
    ),
  )
}

/**
 * `handoff.groups[].products` name products, as quiz weights do: a typo would leave the rule
 * matching nobody, its clients going to whichever group has the least work.
 */
function checkHandoffGroupProducts(content: Content): LocatedIssue[] {
  const productIds = content.products.map((product) => product.id)
  const issues: LocatedIssue[] = []
  content.handoff.groups.forEach((rule, g) => {
    rule.products?.forEach((id, p) => {
      const message = unknownProductId(id, productIds)
      if (message) issues.push({ path: ['handoff', 'groups', g, 'products', p], message })
    })
  })
  return issues
}

/**
 * A text answer is never longer than TEXT_ANSWER_LIMIT, so a larger max_length (or min_length)
 * would be a limit clients never get: an owner who asks for 3000 must learn it here, not from
 * clients told to keep within 2000.
 */
function checkTextAnswerLimits(content: Content): LocatedIssue[] {
  const issues: LocatedIssue[] = []
  content.discovery.questions.forEach((question, q) => {
    for (const key of ['min_length', 'max_length'] as const) {
      const value = question.validation?.[key]
      if (value !== undefined && value > TEXT_ANSWER_LIMIT) {
        issues.push({
          path: ['discovery', 'questions', q, 'validation', key],
          message: `must be at most ${TEXT_ANSWER_LIMIT}: a text answer is never longer than ${TEXT_ANSWER_LIMIT} characters`,
        })
      }
    }
  })
  return issues
}

/**
 * Every variant of a text is in a language the bot speaks, and every text written per language
 * has the file's main one (checkTextVariants). So is every language a staff-group rule names.
 */
function checkTextLanguages(content: Content, file: unknown): LocatedIssue[] {
  const issues = checkTextVariants(file)
  // A client's language is one of these (the bot negotiates it), so a rule for another matches nobody
  content.handoff.groups.forEach((rule, g) => {
    rule.languages?.forEach((language, l) => {
      if (KNOWN_LANGUAGES.includes(language)) return
      issues.push({
        path: ['handoff', 'groups', g, 'languages', l],
        message: unknownLanguage(language, ' with clients, so this rule would match nobody'),
        kind: 'unknown-language',
      })
    })
  })
  return issues
}

const KNOWN_LANGUAGES: readonly string[] = LANGUAGES

/**
 * The schema's issues with the languages of texts (textVariantIssues on the file as read) beside
 * them — but for a text the schema found wrong already: one thing to fix at a place, not two.
 */
function withTextLanguages(schema: LocatedIssue[], variants: { text: PathSegment[]; issue: LocatedIssue }[]) {
  const within = (path: readonly PathSegment[], text: readonly PathSegment[]) =>
    path.length >= text.length && text.every((segment, i) => segment === path[i])
  return [
    ...schema,
    ...variants.filter(({ text }) => !schema.some((issue) => within(issue.path, text))).map(({ issue }) => issue),
  ]
}

/**
 * The file's languages as it writes them (`business.languages`): the first is its main language,
 * the one every text written per language has — a client whose language a text lacks reads it
 * (pickText: with the two languages the bot speaks, a map without the reader's holds only the
 * main one). `listed` is false when the file leaves them out (the schema's default, [ru, en]).
 * Undefined when they are written wrong: the schema says so, and a text's check against a list
 * with a typo in it would only add to that.
 */
function fileLanguages(file: unknown): { main: string; all: readonly string[]; listed: boolean } | undefined {
  const business = isRecord(file) ? file.business : undefined
  const written = isRecord(business) ? business.languages : undefined
  if (written === undefined || written === null) return { main: LANGUAGES[0], all: LANGUAGES, listed: false }
  if (!Array.isArray(written) || written.length === 0) return undefined
  if (!written.every((code) => typeof code === 'string' && KNOWN_LANGUAGES.includes(code))) return undefined
  return { main: written[0] as string, all: written as string[], listed: true }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value)

/** English names of the languages, for the checker's lines ("English" for en). */
const languageNames = new Intl.DisplayNames(['en'], { type: 'language' })
const languageName = (code: string) => languageNames.of(code) ?? code

/** Why a text written per language must have the file's main language, in the terms of the file. */
function noMainLanguage({ main, all, listed }: { main: string; all: readonly string[]; listed: boolean }): string {
  const list = `languages: [${all.join(', ')}]`
  if (listed && all.length === 1) {
    return `no "${main}" text: your clients read ${languageName(main)} only (${list}); write the text in ${languageName(main)}, without { } — a text in one language needs none`
  }
  if (listed) {
    return `no "${main}" text: ${languageName(main)} is the first of your languages (${list}), the one a text written per language needs — a client whose language it lacks reads that one; add ${main}: …`
  }
  const others = LANGUAGES.filter((code) => code !== main)
  return `no "${main}" text: with no languages line the bot speaks ${LANGUAGES.map(languageName).join(' and ')} with clients (${list}), and a text written per language needs the first, ${main}; add ${main}: …, or, if your clients read ${others.map(languageName).join(' and ')} only, write languages: [${others.join(', ')}] under business`
}

/**
 * A text written per language: strings under keys of a language code's shape, one of them a
 * language the bot speaks (the schema refuses a text with none). No other part of the file has
 * that shape but those in NOT_TEXTS.
 */
function isTextMap(value: unknown): value is Record<string, string> {
  if (!isRecord(value)) return false
  const entries = Object.entries(value)
  return (
    entries.every(([key, item]) => /^[a-z]{2,3}$/.test(key) && typeof item === 'string') &&
    entries.some(([key]) => KNOWN_LANGUAGES.includes(key))
  )
}

/**
 * Every text written per language (isTextMap) has the file's main language (fileLanguages) and no
 * variant in a language the bot does not speak: one under another key (`eng`, `de`) is never
 * shown, and a client who should read it gets another instead. Reads the file as written, so it
 * runs in either stage (beside the schema's issues, or after it passed); each issue comes with the
 * text it is about.
 */
function textVariantIssues(file: unknown): { text: PathSegment[]; issue: LocatedIssue }[] {
  const found: { text: PathSegment[]; issue: LocatedIssue }[] = []
  const languages = fileLanguages(file)
  const walk = (value: unknown, path: PathSegment[]): void => {
    if (NOT_TEXTS.has(path.join('.')) || value === null || typeof value !== 'object') return
    if (!isTextMap(value)) {
      for (const [key, item] of Object.entries(value)) walk(item, [...path, Array.isArray(value) ? Number(key) : key])
      return
    }
    const unknown = Object.keys(value).filter((language) => !KNOWN_LANGUAGES.includes(language))
    for (const language of unknown) {
      const message = unknownLanguage(language, ', and no client would read this variant', '; take it out')
      found.push({ text: path, issue: { path: [...path, language], message, kind: 'unknown-language' } })
    }
    // One thing to fix at a place: an "eng" is most often the main language misspelt
    if (languages && unknown.length === 0 && !Object.hasOwn(value, languages.main)) {
      found.push({ text: path, issue: { path, message: noMainLanguage(languages), kind: 'no-main-language' } })
    }
  }
  walk(file, [])
  return found
}

const checkTextVariants = (file: unknown): LocatedIssue[] => textVariantIssues(file).map(({ issue }) => issue)

/**
 * A threshold no product can reach sends every client to a consultation, which
 * is almost certainly a typo; the bound assumes the best answer to each question.
 */
function checkMatchThresholdReachable(content: Content): LocatedIssue[] {
  const { questions, match_threshold: threshold } = content.quiz
  if (questions.length === 0 || content.products.length === 0) return []
  let best = { score: Number.NEGATIVE_INFINITY, id: '' }
  for (const product of content.products) {
    let score = 0
    for (const question of questions) {
      const weights = question.options.map((option) => optionWeightFor(option, product))
      const bestSingle = Math.max(...weights)
      const allPositive = weights.filter((weight) => weight > 0).reduce((sum, weight) => sum + weight, 0)
      score += question.type === 'multi' ? Math.max(bestSingle, allPositive) : bestSingle
    }
    if (score > best.score) best = { score, id: product.id }
  }
  if (best.score >= threshold) return []
  return [
    {
      path: ['quiz', 'match_threshold'],
      message: `no product can reach ${threshold} points (the best possible is ${best.score}, "${best.id}"): lower the threshold or raise the weights`,
    },
  ]
}

// ---------------------------------------------------------------- paths and lines

function toSegment(segment: PropertyKey): PathSegment {
  return typeof segment === 'symbol' ? String(segment) : segment
}

function pathKey(path: readonly PropertyKey[]): string {
  return JSON.stringify(path.map(toSegment))
}

/** The lists whose items are named in a path by their own field: a product by its id, a question by its key. */
const NAMED_ITEMS: ReadonlyMap<string, string> = new Map([
  ['products', 'id'],
  ['discovery.questions', 'key'],
  ['quiz.questions', 'key'],
])

/**
 * Where in the file, as the owner finds it there: the keys from the top down, a list's item by its
 * place counted from 1 — `quiz → questions → #3 → options → #2 → weights → tag:fast`. With the
 * file as read (`file`), a product and a question are named after their place by their id or key,
 * as the owner knows them: `products → #5 (brand_identity) → price`, `quiz → questions → #3 (goal)`
 * — counting to the fifth product in a long file was the owner's job. (It was written as code,
 * `business.about["…"]`, counted from 0.)
 */
export function formatPath(path: readonly PathSegment[], file?: unknown): string {
  let node = file
  return path
    .map((segment, i) => {
      node = node !== null && typeof node === 'object' ? (node as Record<PathSegment, unknown>)[segment] : undefined
      if (typeof segment !== 'number') return segment
      const field = NAMED_ITEMS.get(path.slice(0, i).join('.'))
      const name =
        field && node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[field] : undefined
      return typeof name === 'string' && /^[\w-]{1,40}$/.test(name) ? `#${segment + 1} (${name})` : `#${segment + 1}`
    })
    .join(' → ')
}

/**
 * The node at `path` and its line, or the line of the nearest parent that exists (a missing key is
 * reported at its parent; its node is then undefined). For a map entry the key's line is used: a
 * nested block starts on the line after it. `own`: the line the node itself starts on.
 */
function nodeAt(
  doc: Document,
  lineCounter: LineCounter,
  path: readonly PathSegment[],
): { node: unknown; line: number | undefined; own?: number } {
  const lineAt = (node: unknown) => (isNode(node) && node.range ? lineCounter.linePos(node.range[0]).line : undefined)
  let node: unknown = doc.contents
  let line = lineAt(node)
  for (const segment of path) {
    if (isAlias(node)) node = node.resolve(doc)
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment))
      if (!pair) return { node: undefined, line }
      line = lineAt(pair.key) ?? line
      node = pair.value
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment]
      if (item === undefined) return { node: undefined, line }
      line = lineAt(item) ?? line
      node = item
    } else {
      return { node: undefined, line }
    }
  }
  const own = lineAt(node)
  return own === undefined ? { node, line } : { node, line, own }
}

/**
 * What to do with a text cut at an unquoted ": " (CUT_TEXT): `text` is the YAML node of what was
 * read as its languages. In { } a ", " cuts it too.
 */
function cutText(text: unknown, file: unknown): string {
  if (isMap(text) && text.flow) {
    const main = fileLanguages(file)?.main ?? LANGUAGES[0]
    return `inside { } a ", " or ": " starts a new entry, so the text is read as languages: put the text in quotes, { ${main}: "…" }, or, in one language only, write it without { }`
  }
  return 'the text has ": " in it, which makes it read as "key: value": put the whole text in quotes, "…"'
}
