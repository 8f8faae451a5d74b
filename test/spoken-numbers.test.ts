import { describe, expect, it } from 'vitest'
import { numberAt, numberSaidFirst, numbersInDigits } from '../src/spoken-numbers.ts'

describe('numbers said in words, written in digits', () => {
  it('an amount: its words in digits, the word of its scale kept after them, as digits are typed', () => {
    for (const [said, digits] of [
      ['сто двадцать тысяч', '120 тысяч'],
      ['тысяч сто двадцать', '120 тысяч'],
      ['тыщ 120', '120 тыщ'],
      ['полтора миллиона', '1.5 миллиона'],
      ['полмиллиона', '0.5 миллиона'],
      ['пол-ляма', '0.5 ляма'],
      ['полторы тысячи', '1.5 тысячи'],
      ['тысяча двести', '1200'],
      ['две тысячи двадцать пять', '2025'],
      ['миллион двести тысяч', '1200 тысяч'],
      ['около двухсот тысяч рублей', 'около 200 тысяч рублей'],
      ['120 т.р.', '120 тр'],
      ['a hundred and twenty thousand', '120 thousand'],
      ['half a million', '0.5 million'],
    ] as const)
      expect(numbersInDigits(said), said).toBe(digits)
  })
  it('two numbers stay two; «миллион двести» is not guessed; digits and other words are left as they are', () => {
    expect(numbersInDigits('сто-двести тысяч')).toBe('100-200 тысяч')
    expect(numbersInDigits('миллион двести')).toBe('1 миллион 200')
    expect(numbersInDigits('120 тысяч')).toBe('120 тысяч')
    expect(numbersInDigits('у нас два магазина')).toBe('у нас 2 магазина')
    expect(numbersInDigits('Пол помыть')).toBe('пол помыть')
  })
  it('a number under a thousand, from a word on: its value and how many words it took', () => {
    expect(numberAt(['сорок', 'пять', 'минут'], 0)).toEqual({ value: 45, length: 2 })
    expect(numberAt(['полтора', 'часа'], 0)).toEqual({ value: 1.5, length: 1 })
    expect(numberAt(['пару', 'часов'], 0)).toEqual({ value: 2, length: 1 })
    expect(numberAt(['two', 'hundred', 'and', 'five'], 0)).toEqual({ value: 205, length: 4 })
    expect(numberAt(['на', 'час'], 0)).toBeUndefined()
  })
})

describe('the number a line begins with, said in words (numberSaidFirst)', () => {
  it('its words in digits, its scale kept, and how many words it took; none when the line begins otherwise', () => {
    const first = (line: string) => numberSaidFirst(line.split(' '))
    expect(first('пять тысяч Лендинг')).toEqual({ digits: '5 тысяч', length: 2 })
    expect(first('сто двадцать тысяч рублей за сайт')).toEqual({ digits: '120 тысяч', length: 3 })
    expect(first('five hundred dollars website')).toEqual({ digits: '500', length: 2 })
    expect(first('a hundred and twenty thousand')).toEqual({ digits: '120 thousand', length: 5 })
    expect(first('полторы тысячи Доставка')).toEqual({ digits: '1.5 тысячи', length: 2 })
    for (const line of ['5 тысяч', 'Лендинг пять тысяч', 'много', '']) expect(first(line), line).toBeUndefined()
  })
})
