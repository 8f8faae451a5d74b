import { describe, expect, it } from 'vitest'
import { pickText } from '../../src/content/text.ts'

describe('pickText', () => {
  const text = { ru: 'Привет', en: 'Hello' }

  it('returns a plain string for every locale', () => {
    expect(pickText('Лаконика', 'en')).toBe('Лаконика')
  })

  it('picks the exact locale', () => {
    expect(pickText(text, 'en')).toBe('Hello')
    expect(pickText(text, 'ru')).toBe('Привет')
  })

  it('uses the base language of a regional locale', () => {
    expect(pickText(text, 'en-GB')).toBe('Hello')
    expect(pickText({ ...text, 'pt-BR': 'Olá' }, 'pt-BR')).toBe('Olá')
  })

  it('falls back to Russian by default', () => {
    expect(pickText(text, 'de')).toBe('Привет')
  })

  it('falls back to the given language', () => {
    expect(pickText(text, 'de', 'en')).toBe('Hello')
  })

  it('falls back to any variant when neither exists', () => {
    expect(pickText({ uk: 'Привіт' }, 'de', 'en')).toBe('Привіт')
  })

  it('returns an empty string for an empty map rather than throwing', () => {
    expect(pickText({}, 'ru')).toBe('')
  })
})
