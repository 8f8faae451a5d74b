/**
 * An invoice's summary in the client's topic (what /invoice answers with), in the staff group's
 * language: its lines known by their words, and its warning about the client's other unpaid
 * invoices kept true as those are settled. The summary itself is kept with the invoice
 * (`invoice_summaries`, src/services/handoff/staff-route.ts), for as long as it can change.
 */
import type { OrderRow } from '../../db/schema.ts'
import type { Deps } from '../deps.ts'
import type { LocaleKey } from '../locales/keys.ts'
import type { StaffPostPayload } from '../services/handoff/index.ts'
import type { Translate, TranslationArgs } from './context.ts'
import { orderAmount } from './followup-texts.ts'

/**
 * The words a line of `key` begins with before its variable `name`, whatever that holds: how a
 * line of a summary written earlier is found in it again (in the group's language, as written).
 */
export function lineOpening(t: Translate, key: LocaleKey, name: string, args: TranslationArgs = {}): string {
  const MARK = '\u0000'
  const line = t(key, { ...args, [name]: MARK } as TranslationArgs)
  return line.slice(0, line.indexOf(MARK))
}

/** Invoices named with their amounts, as staff read them: "№2 (1 500 ₽), №1 (45 000 ₽)". */
export function invoiceList(tr: { t: Translate }, orders: readonly OrderRow[], locale: string): string {
  return orders.map((o) => tr.t('invoice-other', { id: String(o.id), amount: orderAmount(o, locale) })).join(', ')
}

/**
 * The summary's warning that the client has other unpaid invoices (`others`): a corrected invoice
 * is often meant to replace one, which is then to be cancelled. Undefined when there are none.
 */
export function othersWarning(tr: { t: Translate }, others: readonly OrderRow[], locale: string): string | undefined {
  if (others.length === 0) return undefined
  return tr.t('invoice-created-others', { list: invoiceList(tr, others, locale), count: others.length })
}

/**
 * Where in a summary's `lines` its reminders line stands — the reminders to come, none, or held
 * by a linked payment (`remindersHeld`) — known by its words; -1 when it has none (settled since).
 */
export function remindersLineAt(t: Translate, lines: readonly string[]): number {
  const openings = [lineOpening(t, 'invoice-created-reminders', 'list'), lineOpening(t, 'invoice-summary-held', 'paid')]
  const whole = [t('invoice-created-no-reminders'), t('due-moved-no-reminders'), t('invoice-summary-none-ahead')]
  return lines.findIndex((l) => openings.some((o) => l.startsWith(o)) || whole.includes(l))
}

/**
 * The summary `text` with its reminders line (`remindersLineAt`) reading `line` instead: its
 * reminders held by a linked payment, or going again. Unchanged when it has none.
 */
export function withRemindersLine(t: Translate, text: string, line: string): string {
  const lines = text.split('\n')
  const at = remindersLineAt(t, lines)
  if (at < 0) return text
  lines[at] = line
  return lines.join('\n')
}

/** The reminders line of a summary whose reminders wait for the team's word since invoice `paid` was paid. */
export const remindersHeld = (t: Translate, paid: number): string => t('invoice-summary-held', { paid: String(paid) })

/**
 * Invoice `settled` is no longer unpaid (cancelled, paid): the summaries whose warning named it
 * among the client's other unpaid invoices name only those still unpaid — the line goes with the
 * last of them — so "cancel the old one" never points at one cancelled or paid already.
 */
export function otherInvoiceSettled(deps: Deps, settled: OrderRow): void {
  const locale = deps.config.DEFAULT_LOCALE
  const tr = { t: ((key, args) => deps.i18n.t(locale, key, args)) satisfies Translate }
  const openings = [1, 2].map((count) => lineOpening(tr.t, 'invoice-created-others', 'list', { count }))
  deps.services.handoff.route.summariesNaming(settled.clientId, settled.id, (post): StaffPostPayload => {
    const left = (post.others ?? []).flatMap((id) => {
      const order = deps.services.orders.get(id)
      return order?.status === 'unpaid' ? [order] : []
    })
    const warning = othersWarning(tr, left, locale)
    const lines = (post.text ?? '').split('\n')
    const at = lines.findIndex((l) => openings.some((o) => l.startsWith(o)))
    if (at >= 0) lines.splice(at, 1, ...(warning === undefined ? [] : [warning]))
    const { others: _named, ...rest } = post
    return { ...rest, text: lines.join('\n'), ...(left.length > 0 ? { others: left.map((o) => o.id) } : {}) }
  })
}
