import { describe, expect, it } from 'vitest'
import { csvField, toCsv, UTF8_BOM } from '../../src/services/data-export.ts'
import { parseCsv } from '../helpers/csv.ts'

describe('CSV', () => {
  it('quotes commas, quotes, line breaks and edge spaces; leaves plain text alone', () => {
    expect(csvField('Анна')).toBe('Анна')
    expect(csvField('Студия, ООО')).toBe('"Студия, ООО"')
    expect(csvField('ООО "Ромашка"')).toBe('"ООО ""Ромашка"""')
    expect(csvField('строка 1\nстрока 2')).toBe('"строка 1\nстрока 2"')
    expect(csvField('a\r\nb')).toBe('"a\r\nb"')
    expect(csvField(' отступ')).toBe('" отступ"')
    expect(csvField(null)).toBe('')
    expect(csvField(undefined)).toBe('')
    expect(csvField(42)).toBe('42')
  })

  it('defuses spreadsheet formulas but keeps phone numbers and negative numbers', () => {
    expect(csvField('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`)
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)")
    expect(csvField('+cmd|calc')).toBe("'+cmd|calc")
    expect(csvField('+7 (999) 123-45-67')).toBe('+7 (999) 123-45-67')
    expect(csvField('-12.5')).toBe('-12.5')
  })

  it('a file starts with the BOM, ends lines with CRLF and reads back exactly, Cyrillic included', () => {
    const values = [
      ['id', 'имя', 'заметка'],
      ['1', 'Ёлкина, Мария', 'сказала "да"\nперезвонить'],
      ['2', 'Пётр', ''],
    ]
    const csv = toCsv(values)
    expect(csv.startsWith(UTF8_BOM)).toBe(true)
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
    expect(csv.endsWith('\r\n')).toBe(true)
    expect(parseCsv(csv.slice(1))).toEqual(values)
  })
})
