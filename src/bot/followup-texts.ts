/**
 * Texts shared by the order commands and the follow-up jobs: an invoice and its reminders
 * always say the amount, what it is for, the due date and how to pay. `t` is `ctx.t` in a
 * handler or `i18n.t(locale, …)` in a job, so both render the same message.
 */
import type { ClientRow, JobRow, OrderRow } from '../../db/schema.ts'
import type { Content } from '../content/schema.ts'
import type { ContentStore } from '../content/store.ts'
import { pickText } from '../content/text.ts'
import { calendarDate, clientLocale, clientName } from '../format.ts'
import type { LocaleKey } from '../locales/keys.ts'
import type { Locale } from '../locales/languages.ts'
import { formatMoney } from '../money.ts'
import type { PaymentStage } from '../services/followups/index.ts'
import { datedStageOn } from '../services/followups/planning.ts'
import { jobLabel } from '../services/jobs.ts'
import { orderWhat } from '../services/orders.ts'
import { localDate } from '../services/time.ts'
import type { Translate } from './context.ts'

/** " — Landing page" after an invoice's number and amount, or nothing when it does not say what for. */
export function orderSuffix(
  order: Pick<OrderRow, 'productId' | 'description'>,
  content: ContentStore,
  locale: string,
): string {
  const what = orderWhat(order, content, locale)
  return what ? ` — ${what}` : ''
}

export function orderAmount(order: Pick<OrderRow, 'amount' | 'currency'>, locale: string): string {
  return formatMoney(order.amount, order.currency, locale)
}

export function orderDue(
  order: Pick<OrderRow, 'dueDate'>,
  content: Content,
  locale: string,
  now: number,
): string | undefined {
  if (order.dueDate === null) return undefined
  return calendarDate(order.dueDate, content.business.timezone, locale, now)
}

/**
 * How an invoice sent again (the client's Pay under /mybookings) speaks today: as the invoice,
 * until its due day has passed; after it, as the overdue reminder ("the due date was 7 December"),
 * never "pay by" a day gone.
 */
export function invoiceStageNow(
  order: Pick<OrderRow, 'dueDate'>,
  content: Content,
  now: number,
): { stage: PaymentStage | 'invoice'; days: number } {
  const today = localDate(now, content.business.timezone)
  if (order.dueDate === null || today <= order.dueDate) return { stage: 'invoice', days: 0 }
  return datedStageOn(order.dueDate, today)
}

/**
 * What an order is for and by when to pay it, a line each, as an invoice and its reminders show
 * them. An overdue reminder's title names the day that passed: "pay by" that day would read as a slip.
 */
export function orderLines(t: Translate, what: string | null, due: string | undefined, overdue: boolean): string[] {
  return [...(what ? [t('payment-what', { what })] : []), ...(due && !overdue ? [t('payment-due-line', { due })] : [])]
}

/**
 * The first line of an invoice or a reminder: "Анна, вот ваш счёт №12". A reminder of a
 * Telegram invoice (`telegram`) is paid from its own button, not with "I paid".
 */
export function paymentTitle(
  t: Translate,
  {
    name,
    order,
    stage,
    days,
    due,
    telegram = false,
    promised = false,
  }: {
    name: string
    order: Pick<OrderRow, 'id'>
    stage: PaymentStage | 'invoice'
    days: number
    due: string | undefined
    telegram?: boolean
    /** The first reminder after the client's promise to pay ran out: it recalls the promise. */
    promised?: boolean
  },
): string {
  if (promised && stage !== 'invoice') return t('payment-promised-title', { name, id: String(order.id) })
  const titles: Record<PaymentStage | 'invoice', LocaleKey> = {
    invoice: telegram ? 'tg-invoice-lead' : 'invoice-title',
    first: 'payment-first-title',
    before: 'payment-before-title',
    due: 'payment-due-title',
    overdue: telegram ? 'payment-overdue-title-telegram' : 'payment-overdue-title',
    again: 'payment-again-title',
  }
  return t(titles[stage], { name, id: String(order.id), days, due: due ?? '' })
}

/** The invoice (`stage` "invoice") or one of its reminders. */
export function paymentText(
  t: Translate,
  {
    name,
    order,
    stage,
    days,
    content,
    locale,
    now,
    promised = false,
  }: {
    name: string
    order: OrderRow
    stage: PaymentStage | 'invoice'
    days: number
    content: ContentStore
    locale: string
    now: number
    promised?: boolean
  },
): string {
  const current = content.get()
  const due = orderDue(order, current, locale, now)
  const what = orderWhat(order, content, locale)
  const details = current.business.payment_details
  const lines = [
    paymentTitle(t, { name, order, stage, days, due, promised }),
    '',
    t('payment-amount', { amount: orderAmount(order, locale) }),
    ...orderLines(t, what, due, stage === 'overdue'),
    '',
    ...(details ? [t('payment-how'), pickText(details, locale).trim()] : [t('payment-details-missing')]),
    '',
    t(stage === 'invoice' ? 'invoice-footer' : 'payment-footer'),
  ]
  return lines.join('\n')
}

/**
 * Reminders of several invoices due together, as one message: a line for each (its amount, what
 * for, and its due date, or the day that passed), then how to pay — one message, not one per
 * invoice a minute apart. It recalls the client's promise to pay when any of them was promised.
 */
export function paymentTogetherText(
  t: Translate,
  {
    name,
    reminders,
    content,
    locale,
    now,
  }: {
    name: string
    reminders: readonly { order: OrderRow; stage: PaymentStage; promised: boolean }[]
    content: ContentStore
    locale: string
    now: number
  },
): string {
  const current = content.get()
  const details = current.business.payment_details
  const item = ({ order, stage }: { order: OrderRow; stage: PaymentStage }) => {
    const due = orderDue(order, current, locale, now)
    const when =
      due === undefined ? '' : t(stage === 'overdue' ? 'payment-together-overdue' : 'payment-together-due', { due })
    const what = orderSuffix(order, content, locale)
    return t('payment-together-item', { id: String(order.id), amount: orderAmount(order, locale), what: what + when })
  }
  const promised = reminders.some((r) => r.promised)
  return [
    t(promised ? 'payment-together-promised-title' : 'payment-together-title', { name }),
    '',
    ...reminders.map(item),
    '',
    ...(details ? [t('payment-how'), pickText(details, locale).trim()] : [t('payment-details-missing')]),
    '',
    t('payment-together-footer'),
  ].join('\n')
}

/**
 * A job in words for staff — the card, /followups, mirrors and "may not have arrived"
 * notices: "payment reminder for invoice #12", never the raw kind.
 */
export function followupLabel(t: Translate, job: Pick<JobRow, 'kind' | 'payload'>): string {
  const { key, vars } = jobLabel(job)
  return t(key, vars)
}

/**
 * The check-in question "how did it go?": about the order it follows when that says what it is
 * for — the product alone when it is one (what staff added to the invoice, "предоплата 50%",
 * is about paying, not about what the client uses), else the invoice's own words — or about the
 * work in general. The job asks it; the answer's button shows it again with the rating under it.
 */
export function checkinQuestion(
  t: Translate,
  {
    name,
    order,
    content,
    locale,
  }: {
    name: string
    order: Pick<OrderRow, 'productId' | 'description'> | undefined
    content: ContentStore
    locale: string
  },
): string {
  const what = order ? content.productTitle(order.productId, locale) || workOf(orderWhat(order, content, locale)) : null
  return what ? t('checkin-question-order', { name, what }) : t('checkin-question', { name })
}

/**
 * The work an invoice's words name, its payment's words left out, first or last: "Предоплата 50%
 * за лендинг" is about the landing page ("как всё прошло с заказом «Предоплата 50% за лендинг»?"
 * asked how a payment went), and so is "landing page 50% deposit", as English puts them ("how did
 * it go with “bakery website deposit”?"); "Аванс", "Prepayment 50%" alone name no work (null: the
 * question in general).
 */
const PAYMENT = String.raw`(?:(?:пред)?оплат\p{L}*|доплат\p{L}*|аванс\p{L}*|задат\p{L}*|остат\p{L}*|(?:pre-?)?payment|deposit|advance|balance|down payment)`
const SHARE = String.raw`\d+(?:[.,]\d+)?\s*%`
const PAYMENT_WORDS = new RegExp(
  String.raw`^${PAYMENT}(?:\s+${SHARE})?(?:\s+(?:за|по|for|on|of))?\s*|(?:^|[\s,;:]+)(?:${SHARE}\s+)?${PAYMENT}(?:\s+${SHARE})?$`,
  'iu',
)
/** What is left of a payment's words that names no work: "50%", "по счёту", "the invoice". */
const NO_WORK = /^(?:\d+(?:[.,]\d+)?\s*%|сч[её]т\p{L}*|заказ\p{L}*|(?:the\s+)?(?:invoice|order))$/iu
export function workOf(what: string | null): string | null {
  if (what === null) return null
  const work = what
    .split(/\s+[—–-]\s+/u)
    .map((part) => part.replace(PAYMENT_WORDS, '').trim())
    .filter((part) => part !== '' && !NO_WORK.test(part))
    .join(' — ')
  return work === '' ? null : work
}

/** How to speak to a client outside their own update (from a staff command or a job). */
export function clientVoice(
  deps: {
    i18n: { t(locale: string, key: string, vars?: Record<string, string | number>): string }
  } & Parameters<typeof clientLocale>[1],
  client: Pick<ClientRow, 'language' | 'telegramId' | 'displayName' | 'firstName'>,
): { t: Translate; locale: Locale; name: string } {
  const { i18n } = deps
  const locale = clientLocale(client, deps)
  const t: Translate = (key, vars) => i18n.t(locale, key, vars)
  return { t, locale, name: clientName(client) || t('start-friend') }
}
