/**
 * A message's text as Telegram shows it, changed where it stands: a line crossed out, the last
 * line dropped. Its entities (what Telegram found in a plain text — @mentions, /commands,
 * links — or the formatting it was sent with) move with the text around them, so the message
 * reads as it did but for the change. Offsets are UTF-16 code units, as a JS string's indexes
 * and Telegram's are.
 */
import type { MessageEntity } from 'grammy/types'

export interface ShownText {
  text: string
  entities: MessageEntity[]
}

const byOffset = (a: MessageEntity, b: MessageEntity) => a.offset - b.offset || b.length - a.length

/**
 * `shown` with its first line that begins with `prefix` struck through after the prefix (a
 * list's number stays readable) and ` ${mark}` after it; undefined when no line begins so.
 */
export function crossOutLine(shown: ShownText, prefix: string, mark: string): ShownText | undefined {
  const { text } = shown
  let start = 0
  while (!text.startsWith(prefix, start)) {
    const next = text.indexOf('\n', start)
    if (next < 0) return undefined
    start = next + 1
  }
  const newline = text.indexOf('\n', start)
  const end = newline < 0 ? text.length : newline
  const added = ` ${mark}`
  // Past the line, entities move by what was added; one spanning its end grows with it
  const entities = shown.entities.map((e) =>
    e.offset >= end
      ? { ...e, offset: e.offset + added.length }
      : e.offset + e.length > end
        ? { ...e, length: e.length + added.length }
        : e,
  )
  const struck: MessageEntity = {
    type: 'strikethrough',
    offset: start + prefix.length,
    length: end - start - prefix.length,
  }
  return {
    text: text.slice(0, end) + added + text.slice(end),
    entities: (struck.length > 0 ? [...entities, struck] : entities).sort(byOffset),
  }
}

/**
 * `shown` without its last line when that line is one of `lines`, the empty line setting it
 * apart going with it (a hint that no longer applies); as it was otherwise.
 */
export function withoutLastLine(shown: ShownText, lines: readonly string[]): ShownText {
  const last = lines.find((line) => shown.text.endsWith(`\n${line}`))
  if (last === undefined) return shown
  const text = shown.text.slice(0, -(last.length + 1)).trimEnd()
  const entities = shown.entities.flatMap((e) =>
    e.offset >= text.length ? [] : [{ ...e, length: Math.min(e.length, text.length - e.offset) }],
  )
  return { text, entities }
}
