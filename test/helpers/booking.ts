/** Shortcuts for booking tests: button data for a slot, a whole booking flow, rows to assert on. */
import { asc, eq } from 'drizzle-orm'
import type { User } from 'grammy/types'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import { type BookingRow, bookings, type JobRow, jobs } from '../../db/schema.ts'
import type { Content } from '../../src/content/schema.ts'
import { demoContent, type Harness } from './harness.ts'

/** A client Анна who has started the bot, in `language`, with her own time zone when `zone` is given. */
export async function startedClient(
  h: Harness,
  id: number,
  language = 'ru',
  zone: string | null = null,
): Promise<User> {
  const user = h.u.user(id, { first_name: 'Анна', language_code: language })
  await h.send(h.u.text(user, '/start'))
  if (zone) h.deps.services.clients.setTimezone(findClientByTelegramId(h.deps.db, user.id)?.id ?? 0, zone)
  return user
}

/** The times buttons of the bot's last message to the chat, by their data. */
export const slotButtons = (h: Harness, userId: number): string[] =>
  h.fake
    .lastButtonsTo(userId)
    .map((b) => b.data ?? '')
    .filter((data) => data.startsWith('bks:'))

/** `bks:<minutes>` for a slot starting at an ISO instant. */
export const slotData = (iso: string): string => `bks:${Date.parse(iso) / 60_000}`

/** The demo content with some booking or business settings changed. */
export function contentWith(overrides: {
  booking?: Partial<Content['booking']>
  business?: Partial<Content['business']>
}): Content {
  const demo = demoContent()
  return {
    ...demo,
    booking: { ...demo.booking, ...overrides.booking },
    business: { ...demo.business, ...overrides.business },
  }
}

/** Open on Sundays only and booking one day ahead: from the harness's Monday noon there is no free time. */
export function noFreeTimeContent(): Content {
  return contentWith({
    booking: { days_ahead: 1 },
    business: { hours: { sun: ['10:00-19:00'], mon: [], tue: [], wed: [], thu: [], fri: [], sat: [] } },
  })
}

/** Walks a client through the whole flow up to the confirmation screen (not confirming). */
export async function reachConfirm(
  h: Harness,
  user: User,
  opts: { day: string; slot: string; phone?: string; comment?: string | null; start?: string },
): Promise<void> {
  await h.send(h.u.text(user, opts.start ?? '/book'))
  await h.send(h.u.callback(user, `bkd:${opts.day}`))
  await h.send(h.u.callback(user, slotData(opts.slot)))
  await h.send(h.u.text(user, opts.phone ?? '+7 916 123-45-67'))
  await h.send(opts.comment ? h.u.text(user, opts.comment) : h.u.callback(user, 'bk:skip'))
}

/** The whole flow, confirmed. */
export async function book(
  h: Harness,
  user: User,
  opts: { day: string; slot: string; phone?: string; comment?: string | null },
): Promise<BookingRow> {
  await reachConfirm(h, user, opts)
  await h.send(h.u.callback(user, 'bk:ok'))
  const booking = bookingsOf(h, user).at(-1)
  if (!booking) throw new Error(`no booking: ${h.fake.lastTextTo(user.id)}`)
  return booking
}

export function bookingsOf(h: Harness, user: User): BookingRow[] {
  const client = findClientByTelegramId(h.deps.db, user.id)
  if (!client) return []
  return h.deps.db.select().from(bookings).where(eq(bookings.clientId, client.id)).orderBy(asc(bookings.id)).all()
}

export function allJobs(h: Harness): JobRow[] {
  return h.deps.db.select().from(jobs).orderBy(asc(jobs.id)).all()
}

export function jobsOfKind(h: Harness, kind: string): JobRow[] {
  return allJobs(h).filter((j) => j.kind === kind)
}
