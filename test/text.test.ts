import { describe, expect, it } from 'vitest'
import { clip } from '../src/text.ts'

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
