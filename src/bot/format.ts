import type { Content } from '../content/schema.ts'
import { pickText } from '../content/text.ts'

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const

/** "Пн–Пт 10:00–19:00, Сб 11:00–16:00": consecutive days with the same hours are grouped. */
export function describeWorkingHours(content: Content, locale: string): string {
  // 2024-01-01 was a Monday: gives localized short weekday names without a table per language
  const dayName = (i: number) =>
    new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' }).format(Date.UTC(2024, 0, 1 + i))
  const hoursOf = (i: number) =>
    (content.business.hours[WEEKDAYS[i] as (typeof WEEKDAYS)[number]] ?? []).join(', ').replace(/-/g, '–')
  const groups: { from: number; to: number; hours: string }[] = []
  for (let i = 0; i < 7; i++) {
    const hours = hoursOf(i)
    const last = groups.at(-1)
    if (last && last.hours === hours && last.to === i - 1) last.to = i
    else groups.push({ from: i, to: i, hours })
  }
  return groups
    .filter((g) => g.hours !== '')
    .map((g) => `${dayName(g.from)}${g.to > g.from ? `–${dayName(g.to)}` : ''} ${g.hours}`)
    .join(', ')
}

/** Contacts as lines, only those the business filled in. */
export function describeContacts(content: Content, locale: string): string {
  const c = content.business.contacts
  return [
    c.phone && `📞 ${c.phone}`,
    c.email && `✉️ ${c.email}`,
    c.telegram && `💬 ${c.telegram}`,
    c.website && `🌐 ${c.website}`,
    c.address && `📍 ${pickText(c.address, locale)}`,
  ]
    .filter(Boolean)
    .join('\n')
}

/** The name to address the client by: the form they gave, else Telegram's first name. */
export function clientName(client: { displayName: string | null; firstName: string | null } | undefined): string {
  return client?.displayName ?? client?.firstName ?? ''
}
