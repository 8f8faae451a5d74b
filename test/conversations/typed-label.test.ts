import { describe, expect, it } from 'vitest'
import { matchLabel } from '../../conversations/typed-label.ts'

const pick = (typed: string, labels: string[]) => matchLabel(typed, labels, (label) => label)

describe('a label typed instead of tapped', () => {
  it('its first words before a comma or a dash name it when no other label starts with them', () => {
    expect(pick('нет', ['Есть ТЗ', 'Нет — поможете составить?'])).toBe('Нет — поможете составить?')
    expect(pick('Срочно!', ['Срочно, за 2 недели', 'В течение месяца'])).toBe('Срочно, за 2 недели')
    // Another label starts with the same word: no guess
    expect(pick('нет', ['Нет, нужно сделать', 'Нет логотипа'])).toBeUndefined()
    expect(pick('есть', ['Есть ТЗ', 'Есть бриф или описание'])).toBeUndefined()
    // A decimal comma is no head: "1" names nothing
    expect(pick('1', ['1,5–3 млн ₽', 'больше 3 млн ₽'])).toBeUndefined()
    // The whole label still wins over a head
    expect(pick('нет', ['Нет', 'Нет, но скоро будет'])).toBe('Нет')
  })
})
