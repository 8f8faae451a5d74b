import { describe, expect, it } from 'vitest'
import { businessCalendar, clientLocale, negotiateLocale, zoneLabel } from '../src/format.ts'
import { isWorkingTime } from '../src/services/time.ts'
import { demoContent } from './helpers/harness.ts'

const winter = Date.parse('2026-01-15T12:00:00Z')
const summer = Date.parse('2026-07-15T12:00:00Z')

describe('zoneLabel: one way to name a time zone', () => {
  it('says the zone as people say it with the offset at that instant', () => {
    expect(zoneLabel('Europe/Moscow', 'ru', winter)).toBe('Москва, UTC+3')
    expect(zoneLabel('Europe/Moscow', 'en', winter)).toBe('Moscow Time, UTC+3')
    // summer time changes the offset, not the name
    expect(zoneLabel('Europe/Berlin', 'ru', winter)).toBe('Германия, UTC+1')
    expect(zoneLabel('Europe/Berlin', 'ru', summer)).toBe('Германия, UTC+2')
    expect(zoneLabel('Asia/Kolkata', 'en', winter)).toBe('India Time, UTC+5:30')
    expect(zoneLabel('America/New_York', 'en', winter)).toBe('ET, UTC−5')
    expect(zoneLabel('UTC', 'ru', winter)).toBe('UTC')
  })
})

describe('the client’s language', () => {
  const content = demoContent()
  const deps = (languages: Array<'ru' | 'en'>, fallback: 'ru' | 'en' = 'ru') => ({
    config: { DEFAULT_LOCALE: fallback },
    content: { get: () => ({ ...content, business: { ...content.business, languages } }) },
  })

  it('is the stored choice when the business speaks it, else the default, else the first language spoken', () => {
    expect(clientLocale({ language: 'en' }, deps(['ru', 'en']))).toBe('en')
    expect(clientLocale({ language: 'en' }, deps(['ru']))).toBe('ru')
    expect(clientLocale({ language: 'de' }, deps(['ru', 'en'], 'en'))).toBe('en')
    expect(clientLocale({ language: null }, deps(['en'], 'ru'))).toBe('en')
    expect(clientLocale(undefined, deps(['ru', 'en']))).toBe('ru')
  })

  it('inside an update Telegram’s language counts after the stored one', () => {
    expect(negotiateLocale(null, 'en-GB', 'ru')).toBe('en')
    expect(negotiateLocale('ru', 'en', 'en')).toBe('ru')
    expect(negotiateLocale(null, 'de', 'ru')).toBe('ru')
  })
})

describe('businessCalendar', () => {
  it('is the content’s zone, hours and holidays', () => {
    const content = demoContent()
    const cal = businessCalendar(content)
    expect(cal).toEqual({
      timezone: content.business.timezone,
      hours: content.business.hours,
      holidays: content.business.holidays,
    })
    // Monday 12:00 in Moscow is open in the demo; Sunday is not
    expect(isWorkingTime(Date.parse('2026-11-23T09:00:00Z'), cal)).toBe(true)
    expect(isWorkingTime(Date.parse('2026-11-22T09:00:00Z'), cal)).toBe(false)
  })
})
