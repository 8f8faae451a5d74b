import { describe, expect, it } from 'vitest'
import { nameForReader, otherSpellings, sameFirstName } from '../../src/name-spellings.ts'

describe('a name in the other alphabet', () => {
  it('has the romanizations met in passports and profiles, the usual first', () => {
    expect(otherSpellings('Иван')).toEqual(['ivan'])
    expect(otherSpellings('Мария')).toEqual(['maria', 'mariya', 'mariia'])
    expect(otherSpellings('Фёдор')).toEqual(['fedor', 'fyodor'])
    expect(otherSpellings('Алексей')).toEqual(expect.arrayContaining(['aleksey', 'alexey', 'aleksei']))
    expect(otherSpellings('Юрий')).toEqual(expect.arrayContaining(['yuriy', 'yury', 'yurii', 'yuri']))
    expect(otherSpellings('Елена Щукина')).toEqual(expect.arrayContaining(['elena shchukina', 'yelena shchukina']))
    // An English name heard on the phone and written as Russians write it
    expect(otherSpellings('Фрэнк')).toEqual(expect.arrayContaining(['frenk', 'frank']))
    expect(otherSpellings('Фрэнк')[0]).toBe('frenk')
    expect(otherSpellings('Джон Смит')).toEqual(expect.arrayContaining(['dzhon smit', 'john smith']))
    expect(otherSpellings('Джессика')).toEqual(expect.arrayContaining(['dzhessika', 'jessica']))
    expect(otherSpellings('Эмма')).toEqual(['emma'])
  })

  it('reads a Latin-lettered name as Russian, soft signs included', () => {
    expect(otherSpellings('Ivan')[0]).toBe('иван')
    expect(otherSpellings('Natalia')).toEqual(expect.arrayContaining(['наталия', 'наталья']))
    expect(otherSpellings('Olga')).toContain('ольга')
    expect(otherSpellings('Daria')).toContain('дарья')
    expect(otherSpellings('Mikhail')).toContain('михаил')
    expect(otherSpellings('Alexey')).toContain('алексей')
    expect(otherSpellings('Sergey')[0]).toBe('сергей')
    expect(otherSpellings('Mariya')).toContain('мария')
    expect(otherSpellings('Iuliia')).toContain('юлия')
    expect(otherSpellings('Kseniya')).toContain('ксения')
    expect(otherSpellings('Alexey Yakovlev')).toContain('алексей яковлев')
  })

  it('keeps to at most 16, and has none for what is no plain name', () => {
    expect(otherSpellings('Alexey Yakovlev').length).toBeLessThanOrEqual(16)
    expect(otherSpellings('ivan2')).toEqual([])
    expect(otherSpellings('ivan иван')).toEqual([])
    expect(otherSpellings('José')).toEqual([])
    expect(otherSpellings('')).toEqual([])
  })
})

describe('a name as the reader reads it', () => {
  it('is in Latin letters for a reader of English, as written for a reader of Russian', () => {
    expect(nameForReader('Мария', 'en')).toBe('Maria')
    expect(nameForReader('Юрий Щукин 🌸', 'en')).toBe('Yuriy Shchukin 🌸')
    expect(nameForReader('Мария', 'ru')).toBe('Мария')
    expect(nameForReader('Maria', 'ru')).toBe('Maria')
    expect(nameForReader('Maria', 'en')).toBe('Maria')
  })
})

describe('a first name as people say it every day', () => {
  it('is the full name it stands for, either way round, and nothing else', () => {
    expect(sameFirstName('маша', 'мария')).toBe(true)
    expect(sameFirstName('мария', 'маша')).toBe(true)
    expect(sameFirstName('саша', 'александра')).toBe(true)
    expect(sameFirstName('сережа', 'сергей')).toBe(true)
    expect(sameFirstName('маша', 'марина')).toBe(false)
    expect(sameFirstName('саша', 'маша')).toBe(false)
    // Any word may be asked about: no property of an object is taken for a name
    expect(sameFirstName('constructor', 'мария')).toBe(false)
    expect(sameFirstName('toString', 'toString')).toBe(true)
  })
})
