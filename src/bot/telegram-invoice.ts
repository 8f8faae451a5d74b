/**
 * A Telegram invoice for an order: the client pays inside Telegram, through the payment
 * provider connected in @BotFather or in Telegram Stars, and Telegram tells the bot
 * (pre_checkout_query, then successful_payment; see features/payments.ts). Used for the
 * invoice itself (/invoice) and for its payment reminders, so a reminder can be paid too.
 */
import type { Api } from 'grammy'
import type { Message } from 'grammy/types'
import type { OrderRow } from '../../db/schema.ts'
import type { Config } from '../config.ts'
import type { ContentStore } from '../content/store.ts'
import type { Deps } from '../deps.ts'
import { decimalAmount } from '../money.ts'
import { orderWhat } from '../services/orders.ts'
import { clipUtf16 } from '../text.ts'
import type { Translate } from './context.ts'
import { orderDue, orderLines } from './followup-texts.ts'
import { classifyTelegramError } from './telegram-errors.ts'

/** Telegram's limits for an invoice (sendInvoice). */
const TITLE_MAX = 32
const DESCRIPTION_MAX = 255

/** The invoice payload names the order; Telegram hands it back with the payment. */
export function invoicePayload(orderId: number): string {
  return `order:${orderId}`
}

/** The order id in an invoice payload, or undefined for a payload this bot did not write. */
export function orderIdOfPayload(payload: string): number | undefined {
  const match = /^order:(\d{1,15})$/.exec(payload)
  return match ? Number(match[1]) : undefined
}

/** `provider_data` from the content file with {description}, {amount}, {currency} and {order} filled in. */
function providerData(order: OrderRow, what: string, template: unknown): unknown {
  if (typeof template === 'string') {
    return template
      .replaceAll('{description}', what)
      .replaceAll('{amount}', decimalAmount(order.amount, order.currency))
      .replaceAll('{currency}', order.currency)
      .replaceAll('{order}', String(order.id))
  }
  if (Array.isArray(template)) return template.map((v) => providerData(order, what, v))
  if (template && typeof template === 'object') {
    return Object.fromEntries(Object.entries(template).map(([k, v]) => [k, providerData(order, what, v)]))
  }
  return template
}

/**
 * Sends the order as a Telegram invoice. `lead` is the first line of its description (the
 * invoice's greeting or a reminder's words); what it is for and the due date follow.
 * @throws what the Bot API throws (a blocked chat, a provider that refuses the currency…).
 */
export async function sendTelegramInvoice(
  api: Api,
  chatId: number,
  order: OrderRow,
  {
    t,
    locale,
    lead,
    content,
    config,
    now,
    overdue = false,
  }: {
    t: Translate
    locale: string
    lead: string
    content: ContentStore
    config: Pick<Config, 'PAYMENT_PROVIDER_TOKEN'>
    now: number
    /** An overdue reminder's lead names the day that passed: no "pay by" that day under it. */
    overdue?: boolean
  },
): Promise<Message.InvoiceMessage> {
  const title = clipUtf16(t('tg-invoice-title', { id: String(order.id) }), TITLE_MAX)
  const due = orderDue(order, content.get(), locale, now)
  const what = orderWhat(order, content, locale)
  const description = clipUtf16([lead, ...orderLines(t, what, due, overdue)].join('\n'), DESCRIPTION_MAX)
  const prices = [{ label: title, amount: order.amount }]
  const payload = invoicePayload(order.id)
  if (order.invoiceKind === 'stars') return api.sendInvoice(chatId, title, description, payload, order.currency, prices)
  const settings = content.get().payments
  return api.sendInvoice(chatId, title, description, payload, order.currency, prices, {
    provider_token: config.PAYMENT_PROVIDER_TOKEN ?? '',
    need_name: settings.need_name,
    need_email: settings.need_email,
    need_phone_number: settings.need_phone_number,
    send_email_to_provider: settings.send_email_to_provider,
    send_phone_number_to_provider: settings.send_phone_number_to_provider,
    ...(settings.provider_data
      ? { provider_data: JSON.stringify(providerData(order, what ?? title, settings.provider_data)) }
      : {}),
  })
}

/**
 * After `sendTelegramInvoice` threw: when Telegram refused a provider's invoice (a currency
 * the provider does not take, a token taken out of .env or revoked in @BotFather), the order
 * is paid by payment details from now on — it and its reminders — and the client's topic is
 * told why; true then, and the caller sends the details with "I paid" instead. False for
 * anything else (the caller handles the error as any failed send), and for Stars: payment
 * details are no way to pay for digital goods.
 */
export function fallBackToDetails(deps: Pick<Deps, 'services' | 'logger'>, order: OrderRow, err: unknown): boolean {
  const failure = classifyTelegramError(err)
  if (failure.kind !== 'rejected' || order.invoiceKind === 'stars') return false
  deps.logger.warn({ err, orderId: order.id }, 'Telegram did not take the invoice: payment details instead')
  deps.services.orders.fallBackToDetails(order.id)
  // A sum out of Telegram's bounds for its currency (about one to ten thousand US dollars: telegram-currencies.ts)
  // is said so, not as Telegram's code: "CURRENCY_TOTAL_AMOUNT_INVALID" told a manager billing 200 ₸ nothing
  deps.services.handoff.notifyTopic(order.clientId, [
    AMOUNT_OUT_OF_BOUNDS.test(failure.reason)
      ? { key: 'invoice-telegram-amount', args: {} }
      : { key: 'invoice-telegram-failed', args: { reason: failure.reason } },
  ])
  return true
}

/** Telegram's refusal of an invoice whose total is under or over what it takes in the currency. */
const AMOUNT_OUT_OF_BOUNDS = /CURRENCY_TOTAL_AMOUNT_INVALID/
