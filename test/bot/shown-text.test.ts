import type { MessageEntity } from 'grammy/types'
import { describe, expect, it } from 'vitest'
import { crossOutLine, type ShownText, withoutLastLine } from '../../src/bot/shown-text.ts'

/** Each entity as the text it covers: what Telegram would show marked. */
const marked = ({ text, entities }: ShownText) =>
  entities.map((e) => [e.type, text.slice(e.offset, e.offset + e.length)])

/** A plain list as Telegram returns it: the @mentions and /commands it found marked. */
function list(text: string): ShownText {
  const entities: MessageEntity[] = []
  for (const [pattern, type] of [
    [/@\w+/g, 'mention'],
    [/\/\w+/g, 'bot_command'],
  ] as const) {
    for (const m of text.matchAll(pattern)) entities.push({ type, offset: m.index, length: m[0].length })
  }
  return { text, entities: entities.sort((a, b) => a.offset - b.offset) }
}

const LIST = [
  '🗓 Scheduled (all clients):',
  '1. Mon 😀 — check-in · Anna (@anna) #3',
  '2. Tue — NPS · Boris (@boris) #4 ⛔ opted out (/stop)',
  '',
  'The buttons below cancel the message with that number.',
].join('\n')

describe('crossOutLine', () => {
  it('strikes the line after its number and marks it; what Telegram found around it stays on its words', () => {
    const crossed = crossOutLine(list(LIST), '1. ', '✖ cancelled')
    expect(crossed?.text.split('\n')[1]).toBe('1. Mon 😀 — check-in · Anna (@anna) #3 ✖ cancelled')
    expect(marked(crossed as ShownText)).toEqual([
      ['strikethrough', 'Mon 😀 — check-in · Anna (@anna) #3'],
      ['mention', '@anna'],
      ['mention', '@boris'],
      ['bot_command', '/stop'],
    ])
  })

  it('a line entity spanning grows with the mark; no such line: nothing', () => {
    const shown = { text: 'a\n2. b\nc', entities: [{ type: 'bold', offset: 0, length: 8 } as MessageEntity] }
    const crossed = crossOutLine(shown, '2. ', 'x')
    expect(crossed?.text).toBe('a\n2. b x\nc')
    expect(marked(crossed as ShownText)).toEqual([
      ['bold', 'a\n2. b x\nc'],
      ['strikethrough', 'b'],
    ])
    expect(crossOutLine(shown, '3. ', 'x')).toBeUndefined()
  })
})

describe('withoutLastLine', () => {
  it('drops the last line and the empty one before it when it is one of those given; else keeps all', () => {
    const shown = list(LIST)
    const hint = 'The buttons below cancel the message with that number.'
    const cut = withoutLastLine(shown, ['Кнопки ниже отменяют сообщение с этим номером.', hint])
    expect(cut.text).toBe(LIST.split('\n').slice(0, 3).join('\n'))
    expect(marked(cut)).toEqual(marked(shown))
    expect(withoutLastLine(shown, ['another line'])).toBe(shown)
  })
})
