/**
 * Message text as Telegram handles it: HTML parse mode turned into plain text
 * plus entities (with Telegram's own parse errors, byte offsets included),
 * surrounding whitespace trimmed, lengths counted in UTF-16 code units; and
 * the entities a Telegram app adds to what a person types (/commands, links,
 * @mentions).
 */
import type { MessageEntity } from 'grammy/types'
import { refuse } from './errors.ts'

export interface FormattedText {
  text: string
  entities: MessageEntity[]
}

const TAGS = new Set([
  'a',
  'b',
  'strong',
  'i',
  'em',
  's',
  'strike',
  'del',
  'u',
  'ins',
  'tg-spoiler',
  'tg-emoji',
  'span',
  'pre',
  'code',
  'blockquote',
])

const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r'
const isAlnum = (c: string | undefined) => c !== undefined && /^[A-Za-z0-9]$/.test(c)

/** Decodes the character reference at `source[at]` ('&'); undefined when it is not one Telegram knows. */
function decodeEntity(source: string, at: number): { char: string; end: number } | undefined {
  let end = at + 1
  let code = 0
  if (source[end] === '#') {
    end++
    const hex = source[end] === 'x'
    if (hex) end++
    const digits = hex ? /[0-9a-fA-F]/ : /[0-9]/
    const start = end
    while (end < source.length && digits.test(source[end] as string)) end++
    code = Number.parseInt(source.slice(start, end), hex ? 16 : 10) || 0
    if (code === 0 || code >= 0x10ffff || end - at >= 10) return undefined
  } else {
    const start = end
    while (end < source.length && /[A-Za-z]/.test(source[end] as string)) end++
    const named: Record<string, number> = { lt: 60, gt: 62, amp: 38, quot: 34 }
    code = named[source.slice(start, end)] ?? 0
    if (code === 0) return undefined
  }
  if (source[end] === ';') end++
  return { char: String.fromCodePoint(code), end }
}

/** A link Telegram accepts in <a href>: http(s), tg and ton links; a bare domain becomes http://. */
function checkedLink(url: string): string | undefined {
  const trimmed = url.trim()
  if (!trimmed) return undefined
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(trimmed)?.[1]?.toLowerCase()
  if (!scheme) return /^[\w.-]+\.[a-z]{2,}(\/.*)?$/i.test(trimmed) ? `http://${trimmed}` : undefined
  return ['http', 'https', 'tg', 'ton'].includes(scheme) ? trimmed : undefined
}

/**
 * Parses Telegram's HTML: the supported tags, `&lt; &gt; &amp; &quot;` and numeric
 * references (anything else after `&` is kept as typed). Errors name the UTF-8
 * byte offset, as Telegram's do.
 * @throws TelegramError 400 "can't parse entities: …"
 */
export function parseHtml(source: string): FormattedText {
  const byteOffset = (i: number) => Buffer.byteLength(source.slice(0, i))
  const fail = (detail: string) => refuse.parseEntities(detail)
  let text = ''
  const entities: MessageEntity[] = []
  const open: { tag: string; argument: string; offset: number; attrs: Set<string> }[] = []
  const codeLanguage = new WeakMap<MessageEntity, string>()

  let i = 0
  while (i < source.length) {
    const c = source[i]
    if (c === '&') {
      const decoded = decodeEntity(source, i)
      if (decoded) {
        text += decoded.char
        i = decoded.end
        continue
      }
    }
    if (c !== '<') {
      text += c
      i++
      continue
    }
    const begin = i++
    if (source[i] !== '/') {
      while (i < source.length && !isSpace(source[i]) && source[i] !== '>') i++
      if (i >= source.length) throw fail(`Unclosed start tag at byte offset ${byteOffset(begin)}`)
      const tag = source.slice(begin + 1, i).toLowerCase()
      if (!TAGS.has(tag)) throw fail(`Unsupported start tag "${tag}" at byte offset ${byteOffset(begin)}`)
      let argument = ''
      const attrs = new Set<string>()
      while (source[i] !== '>') {
        while (i < source.length && isSpace(source[i])) i++
        if (source[i] === '>') break
        const nameStart = i
        while (i < source.length && !isSpace(source[i]) && source[i] !== '=' && source[i] !== '>') i++
        const name = source.slice(nameStart, i)
        if (!name) throw fail(`Empty attribute name in the tag "${tag}" at byte offset ${byteOffset(begin)}`)
        while (i < source.length && isSpace(source[i])) i++
        if (source[i] !== '=') {
          // A bare attribute (<blockquote expandable>) is a flag
          if (source[i] === '>' || isSpace(source[i])) {
            attrs.add(name.toLowerCase())
            continue
          }
          throw fail(
            `Expected equal sign in declaration of an attribute of the tag "${tag}" at byte offset ${byteOffset(begin)}`,
          )
        }
        i++
        while (i < source.length && isSpace(source[i])) i++
        if (i >= source.length) throw fail(`Unclosed start tag "${tag}" at byte offset ${byteOffset(begin)}`)
        let value = ''
        const quote = source[i]
        if (quote !== '"' && quote !== "'") {
          const tokenStart = i
          while (isAlnum(source[i]) || source[i] === '.' || source[i] === '-') i++
          value = source.slice(tokenStart, i).toLowerCase()
          if (!isSpace(source[i]) && source[i] !== '>') {
            throw fail(`Unexpected end of name token at byte offset ${byteOffset(tokenStart)}`)
          }
        } else {
          i++
          while (i < source.length && source[i] !== quote) {
            const decoded = source[i] === '&' ? decodeEntity(source, i) : undefined
            if (decoded) {
              value += decoded.char
              i = decoded.end
            } else value += source[i++]
          }
          if (source[i] === quote) i++
        }
        if (i >= source.length) throw fail(`Unclosed start tag at byte offset ${byteOffset(begin)}`)
        const attr = name.toLowerCase()
        attrs.add(attr)
        if (tag === 'a' && attr === 'href') argument = value
        else if (tag === 'code' && attr === 'class' && value.startsWith('language-')) argument = value.slice(9)
        else if (tag === 'span' && attr === 'class' && value.startsWith('tg-')) argument = value.slice(3)
        else if (tag === 'tg-emoji' && attr === 'emoji-id') argument = value
      }
      if (tag === 'span' && argument !== 'spoiler') {
        throw fail(`Tag "span" must have class "tg-spoiler" at byte offset ${byteOffset(begin)}`)
      }
      open.push({ tag, argument, offset: text.length, attrs })
      i++ // past '>'
      continue
    }
    // An end tag
    const top = open.at(-1)
    if (!top) throw fail(`Unexpected end tag at byte offset ${byteOffset(begin)}`)
    while (i < source.length && !isSpace(source[i]) && source[i] !== '>') i++
    const endTag = source.slice(begin + 2, i).toLowerCase()
    while (i < source.length && isSpace(source[i])) i++
    if (source[i] !== '>') throw fail(`Unclosed end tag at byte offset ${byteOffset(begin)}`)
    i++
    if (endTag && endTag !== top.tag) {
      throw fail(
        `Unmatched end tag at byte offset ${byteOffset(begin)}, expected "</${top.tag}>", found "</${endTag}>"`,
      )
    }
    open.pop()
    const length = text.length - top.offset
    if (length <= 0) continue
    const at = { offset: top.offset, length }
    switch (top.tag) {
      case 'b':
      case 'strong':
        entities.push({ type: 'bold', ...at })
        break
      case 'i':
      case 'em':
        entities.push({ type: 'italic', ...at })
        break
      case 'u':
      case 'ins':
        entities.push({ type: 'underline', ...at })
        break
      case 's':
      case 'strike':
      case 'del':
        entities.push({ type: 'strikethrough', ...at })
        break
      case 'tg-spoiler':
      case 'span':
        entities.push({ type: 'spoiler', ...at })
        break
      case 'tg-emoji':
        if (!/^[1-9]\d*$/.test(top.argument)) throw refuse.parseEntities('Invalid custom emoji identifier specified')
        entities.push({ type: 'custom_emoji', ...at, custom_emoji_id: top.argument })
        break
      case 'a': {
        const href = top.argument || text.slice(top.offset)
        const user = /^tg:\/\/user\?id=(\d+)$/.exec(href)?.[1]
        const url = checkedLink(href)
        if (user)
          entities.push({ type: 'text_mention', ...at, user: { id: Number(user), is_bot: false, first_name: '' } })
        else if (url) entities.push({ type: 'text_link', ...at, url })
        break
      }
      case 'code': {
        const pre = entities.at(-1)
        if (pre?.type === 'pre' && pre.offset === at.offset && pre.length === length && top.argument) {
          pre.language = top.argument
        } else {
          const code: MessageEntity = { type: 'code', ...at }
          if (top.argument) codeLanguage.set(code, top.argument)
          entities.push(code)
        }
        break
      }
      case 'pre': {
        // <pre><code class="language-x"> is one pre entity with its language
        const code = entities.at(-1)
        const language =
          code && code.offset === at.offset && code.length === length ? codeLanguage.get(code) : undefined
        if (language) entities.pop()
        entities.push({ type: 'pre', ...at, ...(language ? { language } : {}) })
        break
      }
      case 'blockquote':
        entities.push({ type: top.attrs.has('expandable') ? 'expandable_blockquote' : 'blockquote', ...at })
        break
    }
  }
  const unclosed = open.at(-1)
  if (unclosed) throw fail(`Can't find end tag corresponding to start tag ${unclosed.tag}`)
  return { text, entities: sortEntities(entities) }
}

function sortEntities(entities: MessageEntity[]): MessageEntity[] {
  return entities.sort((a, b) => a.offset - b.offset || b.length - a.length)
}

/**
 * Telegram drops whitespace around a message's text; entities move with it and
 * those left empty vanish.
 */
export function trimFormatted({ text, entities }: FormattedText): FormattedText {
  const start = text.length - text.trimStart().length
  const kept = text.trim()
  const end = start + kept.length
  const moved: MessageEntity[] = []
  for (const e of entities) {
    const from = Math.max(e.offset, start)
    const to = Math.min(e.offset + e.length, end)
    if (to > from) moved.push({ ...e, offset: from - start, length: to - from })
  }
  return { text: kept, entities: moved }
}

/** Text as a Telegram app sends what a person typed: commands, links and @mentions marked. */
export function typedText(text: string): FormattedText {
  const entities: MessageEntity[] = []
  const patterns: [RegExp, MessageEntity['type']][] = [
    [/(?<![\w/<>])\/[a-zA-Z0-9_]{1,64}(?:@[a-zA-Z0-9_]{3,32})?(?![\w/<>])/g, 'bot_command'],
    [/\bhttps?:\/\/[^\s<>"]+[^\s<>".,;:!?)]/g, 'url'],
    [/(?<![\w@])@[a-zA-Z0-9_]{2,32}\b/g, 'mention'],
  ]
  for (const [pattern, type] of patterns) {
    for (const match of text.matchAll(pattern)) {
      entities.push({ type, offset: match.index, length: match[0].length } as MessageEntity)
    }
  }
  return { text, entities: sortEntities(entities) }
}
