import { describe, expect, it } from 'vitest'
import { clip, headline, splitMessage, words } from '../src/text.ts'

describe('clip', () => {
  it('keeps short text, shortens long text with an ellipsis, never splits an emoji', () => {
    expect(clip('Анна', 10)).toBe('Анна')
    expect(clip('абвгдеж', 4)).toBe('абв…')
    const cut = clip(`${'а'.repeat(126)}😀😀😀`, 128)
    expect(Array.from(cut)).toHaveLength(128)
    expect(cut).toBe(`${'а'.repeat(126)}😀…`)
    expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(cut)).toBe(false) // no lone high surrogate
  })
})

describe('headline', () => {
  it('is the first line with words, whole when it fits', () => {
    expect(headline('\n  Новость:   скидка  \nвторая строка', 40)).toBe('Новость: скидка')
    expect(headline('', 40)).toBe('')
  })

  it('is cut at a word, the punctuation before the cut dropped', () => {
    const long = 'Скидка 20% на лендинги до пятницы — только для постоянных клиентов'
    expect(headline(long, 40)).toBe('Скидка 20% на лендинги до пятницы…')
    // A word that ends right at the cut is kept whole
    expect(headline('Большая новость: мы открыли новый офис! Заходите на кофе.', 40)).toBe(
      'Большая новость: мы открыли новый офис…',
    )
    // One long word is cut where it must be, never past the limit
    expect(Array.from(headline('а'.repeat(60), 40))).toHaveLength(40)
  })
})

describe('splitMessage', () => {
  it('keeps a text that fits as it is', () => {
    expect(splitMessage('a\n\nb\nc', 20)).toEqual(['a\n\nb\nc'])
  })

  it('cuts between sections, a section that does not fit what is left starting the next message', () => {
    const text = ['aaaa\nbbbb', 'cccc\ndddd', 'eeee'].join('\n\n')
    expect(splitMessage(text, 21)).toEqual(['aaaa\nbbbb\n\ncccc\ndddd', 'eeee'])
    expect(splitMessage(text, 15)).toEqual(['aaaa\nbbbb', 'cccc\ndddd\n\neeee'])
  })

  it('cuts a section longer than a message between its lines, starting it in a message of its own', () => {
    const text = ['title', 'head\n1111\n2222\n3333'].join('\n\n')
    expect(splitMessage(text, 10)).toEqual(['title', 'head\n1111', '2222\n3333'])
  })

  it('clips a single line longer than a message, and counts as Telegram does: an emoji is two units', () => {
    expect(splitMessage('short\nabcdefghij', 6)).toEqual(['short', 'abcde…'])
    const parts = splitMessage(`${'😀'.repeat(6)}\n${'😀'.repeat(2)}`, 6)
    expect(parts).toEqual(['😀😀…', '😀😀'])
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(6)
      expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(part)).toBe(false)
    }
  })

  it('loses no line: the parts joined back are the text (when no line was clipped)', () => {
    const sections = Array.from({ length: 12 }, (_, s) =>
      Array.from({ length: 1 + (s % 5) }, (_, l) => `section ${s} line ${l} ${'x'.repeat((s * 7 + l * 3) % 23)}`).join(
        '\n',
      ),
    )
    const text = sections.join('\n\n')
    for (const max of [60, 90, 150, 400]) {
      const parts = splitMessage(text, max)
      for (const part of parts) expect(part.length).toBeLessThanOrEqual(max)
      expect(parts.join('\n').replace(/\n+/g, '\n')).toBe(text.replace(/\n+/g, '\n'))
    }
  })
})

describe('words', () => {
  it('reads each text it is given, also one after another and back again', () => {
    expect(words('Ещё раз, СПАСИБО!')).toEqual(['еще', 'раз', 'спасибо'])
    expect(words('Ещё раз, СПАСИБО!')).toEqual(['еще', 'раз', 'спасибо'])
    expect(words('no, thanks 2')).toEqual(['no', 'thanks'])
    expect(words('Ещё раз, СПАСИБО!')).toEqual(['еще', 'раз', 'спасибо'])
    expect(words('123 !')).toEqual([])
  })
})
