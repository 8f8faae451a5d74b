import { describe, expect, it } from 'vitest'
import { offeredZones, zoneForTypedTime } from '../../src/services/client-zones.ts'

const at = (iso: string) => Date.parse(iso)

describe('the zone of a clock typed now', () => {
  it('is the offset of the typed clock from UTC, across midnight both ways', () => {
    // 09:00 UTC: 16:00 is UTC+7, 04:00 is UTC−5
    expect(zoneForTypedTime(16 * 60, at('2026-11-23T09:00:00Z'), 'Europe/Moscow')).toBe('Etc/GMT-7')
    expect(zoneForTypedTime(4 * 60, at('2026-11-23T09:00:00Z'), 'Europe/Moscow')).toBe('Etc/GMT+5')
    // 00:10 UTC: 19:10 is the day before, UTC−5; 23:50 UTC: 09:50 is the next day, UTC+10
    expect(zoneForTypedTime(19 * 60 + 10, at('2026-11-23T00:10:00Z'), 'Europe/Moscow')).toBe('Etc/GMT+5')
    expect(zoneForTypedTime(9 * 60 + 50, at('2026-11-23T23:50:00Z'), 'Europe/Moscow')).toBe('Etc/GMT-10')
  })

  it('is the business’s own zone at its clock, a half-hour zone at a half hour, and a minute off is no matter', () => {
    expect(zoneForTypedTime(12 * 60 + 1, at('2026-11-23T09:00:00Z'), 'Europe/Moscow')).toBe('Europe/Moscow')
    expect(zoneForTypedTime(14 * 60 + 30, at('2026-11-23T09:00:00Z'), 'Europe/Moscow')).toBe('Asia/Calcutta')
    // New Zealand's summer clock is 13 hours ahead of UTC: its own, not UTC−11 that shows the same
    expect(zoneForTypedTime(22 * 60, at('2026-11-23T09:00:00Z'), 'Pacific/Auckland')).toBe('Pacific/Auckland')
  })

  it('takes Hawaii’s side of the date line, and no clock that no zone shows', () => {
    // 09:00 UTC: 23:00 is UTC−10 (Hawaii), not UTC+14
    expect(zoneForTypedTime(23 * 60, at('2026-11-23T09:00:00Z'), 'Europe/Moscow')).toBe('Etc/GMT+10')
    // 16:08 is nearest UTC+7:15, which no zone keeps: no zone's clock is within 7 minutes of it
    expect(zoneForTypedTime(16 * 60 + 8, at('2026-11-23T09:00:00Z'), 'Europe/Moscow')).toBeUndefined()
  })

  it('is the nearest quarter hour’s for a clock rounded by up to 7 minutes either way', () => {
    // 09:55 UTC: a clock showing 01:55 (UTC−8) is said as 2:00; 16:07 and 15:53 at 09:00 are UTC+7
    expect(zoneForTypedTime(2 * 60, at('2026-11-23T09:55:00Z'), 'Europe/Moscow')).toBe('Etc/GMT+8')
    expect(zoneForTypedTime(16 * 60 + 7, at('2026-11-23T09:00:00Z'), 'Europe/Moscow')).toBe('Etc/GMT-7')
    expect(zoneForTypedTime(15 * 60 + 53, at('2026-11-23T09:00:00Z'), 'Europe/Moscow')).toBe('Etc/GMT-7')
    // 14:37 is 7 minutes past India's 14:30, 8 before Nepal's 14:45
    expect(zoneForTypedTime(14 * 60 + 37, at('2026-11-23T09:00:00Z'), 'Europe/Moscow')).toBe('Asia/Calcutta')
  })
})

describe('the zones offered', () => {
  it('are Russia’s for a business in any zone of Russia, its own in place of the one with its offset; none elsewhere', () => {
    const now = at('2026-11-23T09:00:00Z')
    expect(offeredZones('Europe/Moscow', now)).toContain('Asia/Novosibirsk')
    const krasnoyarsk = offeredZones('Asia/Krasnoyarsk', now)
    expect(krasnoyarsk).toContain('Asia/Krasnoyarsk')
    expect(krasnoyarsk).not.toContain('Asia/Novosibirsk')
    expect(krasnoyarsk).toHaveLength(11)
    expect(offeredZones('Europe/Berlin', now)).toEqual([])
    expect(offeredZones('Europe/Moscow', now, 'ru')).toEqual(offeredZones('Europe/Moscow', now))
  })

  it('for a reader in another language, are those of their region (or of the world), with the business’s own', () => {
    const now = at('2026-11-23T09:00:00Z')
    expect(offeredZones('Europe/Moscow', now, 'en-US')).toEqual([
      'America/New_York',
      'America/Chicago',
      'America/Denver',
      'America/Los_Angeles',
      'America/Anchorage',
      'Pacific/Honolulu',
      'Europe/Moscow',
    ])
    const british = offeredZones('Europe/Moscow', now, 'en-GB')
    expect(british).toContain('Europe/London')
    expect(british).not.toContain('Europe/Kaliningrad')
    // Plain "en", as Telegram's apps mostly send: the world's, America's four mainland zones among them
    expect(offeredZones('Europe/Moscow', now, 'en')).toEqual(
      expect.arrayContaining(['Asia/Dubai', 'America/New_York', 'America/Chicago', 'America/Denver']),
    )
    // A Berlin business: its own in place of Paris's and Berlin's, once
    const berlin = offeredZones('Europe/Berlin', now, 'en-IE')
    expect(berlin.filter((zone) => zone === 'Europe/Berlin')).toHaveLength(1)
    expect(berlin).not.toContain('Europe/Paris')
  })
})
