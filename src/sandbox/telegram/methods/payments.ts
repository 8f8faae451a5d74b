/**
 * Bot API methods of payments, with Telegram's checks: an invoice's title,
 * description and payload lengths, whole positive amounts of at least the currency's
 * minimum (about one US dollar), a provider connected
 * to the bot (none, and exactly one price, for Stars); one answer to each
 * checkout, within 10 seconds (a "no" shows its reason to the payer); a Stars charge
 * refunded once, to its payer.
 */
import type { LabeledPrice } from 'grammy/types'
import type { Method } from '../emulator.ts'
import { refuse } from '../errors.ts'
import { CHECKOUT_ANSWER_MS } from '../payments.ts'
import { bool, int, json, str } from '../request.ts'

/**
 * Telegram's smallest invoice per currency, in its smallest units: core.telegram.org/bots/payments/currencies.json
 * gives each currency a `min_amount` of about one US dollar, following the exchange rate. The
 * emulator keeps round figures near it for the currencies it is used with (its own, not the bot's
 * copy: a stand-in for Telegram sets its own rules, or it would agree with the bot's mistakes);
 * others have no minimum here.
 */
const MIN_AMOUNT: Record<string, number> = {
  USD: 100,
  EUR: 100,
  GBP: 100,
  RUB: 10_000,
  KZT: 50_000,
  UAH: 4_000,
  XTR: 1,
}

/** Telegram's limits for an invoice. */
const TITLE_MAX = 32
const DESCRIPTION_MAX = 255
const PAYLOAD_MAX_BYTES = 128

const sendInvoice: Method = (em, p) => {
  const chat = em.ownChat(p)
  const title = str(p, 'title') ?? ''
  const description = str(p, 'description') ?? ''
  const payload = str(p, 'payload') ?? ''
  if (title.length < 1 || title.length > TITLE_MAX) throw refuse.invoiceTitleInvalid()
  if (description.length < 1 || description.length > DESCRIPTION_MAX) throw refuse.invoiceDescriptionInvalid()
  const bytes = Buffer.byteLength(payload)
  if (bytes < 1 || bytes > PAYLOAD_MAX_BYTES) throw refuse.invoicePayloadInvalid()
  const prices = json<LabeledPrice[]>(p, 'prices') ?? []
  if (!Array.isArray(prices) || prices.length === 0) throw refuse.missing('prices')
  if (prices.some((price) => !Number.isInteger(price.amount) || price.amount <= 0 || !price.label)) {
    throw refuse.totalAmountInvalid()
  }
  const currency = str(p, 'currency') ?? ''
  const token = str(p, 'provider_token') ?? ''
  if (currency === 'XTR') {
    if (token !== '') throw refuse.paymentProviderInvalid()
    if (prices.length !== 1) throw refuse.starsInvoiceInvalid()
  } else {
    if (!/^[A-Z]{3}$/.test(currency)) throw refuse.currencyInvalid()
    if (!em.payments.providerTokens.has(token)) throw refuse.paymentProviderInvalid()
  }
  const total = prices.reduce((sum, price) => sum + price.amount, 0)
  if (total < (MIN_AMOUNT[currency] ?? 1)) throw refuse.totalAmountInvalid()
  const providerData = str(p, 'provider_data')
  if (providerData !== undefined) json(p, 'provider_data')
  em.admit('sendInvoice', p)
  const totalAmount = prices.reduce((sum, price) => sum + price.amount, 0)
  const message = em.post(
    chat,
    {
      invoice: {
        title,
        description,
        start_parameter: str(p, 'start_parameter') ?? '',
        currency,
        total_amount: totalAmount,
      },
    },
    { from: em.botUser(), fromBot: true },
  )
  em.payments.invoices.push({
    chatId: chat.id,
    messageId: message.message_id,
    title,
    description,
    payload,
    currency,
    totalAmount,
    providerToken: token,
    ...(providerData !== undefined ? { providerData } : {}),
    needEmail: bool(p, 'need_email'),
    needPhoneNumber: bool(p, 'need_phone_number'),
  })
  return message
}

const answerPreCheckoutQuery: Method = (em, p) => {
  const checkout = em.payments.checkouts.get(str(p, 'pre_checkout_query_id') ?? '')
  if (!checkout || checkout.answer) throw refuse.queryIdInvalid()
  if (em.now() - checkout.openedAt > CHECKOUT_ANSWER_MS) throw refuse.queryInvalid()
  const ok = bool(p, 'ok')
  const errorMessage = str(p, 'error_message')
  if (!ok && !errorMessage) throw refuse.missing('error_message')
  checkout.answer = { ok, ...(errorMessage ? { errorMessage } : {}) }
  if (ok && checkout.live) em.payments.completeLive(checkout, em.person(checkout.userId).user)
  // Telegram shows the payer the bot's reason in the payment form, which stays open: an alert
  // over their chat, as for a button's answer
  if (!ok && checkout.live) {
    em.emit({ type: 'answer', chatId: checkout.userId, userId: checkout.userId, text: errorMessage, showAlert: true })
  }
  return true
}

const refundStarPayment: Method = (em, p) => {
  const charge = em.payments.charges.get(str(p, 'telegram_payment_charge_id') ?? '')
  if (!charge || charge.userId !== int(p, 'user_id') || charge.currency !== 'XTR') throw refuse.chargeNotFound()
  if (charge.refunded) throw refuse.chargeAlreadyRefunded()
  charge.refunded = true
  return true
}

export const paymentMethods: Record<string, Method> = { sendInvoice, answerPreCheckoutQuery, refundStarPayment }
