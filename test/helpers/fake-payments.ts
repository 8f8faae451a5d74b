/**
 * Payments in the fake Bot API, with Telegram's rules (sendInvoice, answerPreCheckoutQuery,
 * refundStarPayment): invoices the bot sent, checkouts people started and charges they
 * paid. The fake (fake-telegram.ts) asks `refuse` before a call and `result` after it;
 * the update builders (updates.ts) open checkouts and make charges here, so the answers
 * and refunds can be checked against them.
 */
import type { TelegramErrorSpec } from './fake-telegram.ts'

// biome-ignore lint/suspicious/noExplicitAny: Bot API payloads are loosely typed on purpose here
type Payload = Record<string, any>

export interface FakeInvoice {
  chatId: number
  messageId: number
  title: string
  description: string
  payload: string
  currency: string
  totalAmount: number
  /** Empty for Stars. */
  providerToken: string
  providerData?: string
  needEmail: boolean
  needPhoneNumber: boolean
}

export interface FakeCheckout {
  id: string
  userId: number
  openedAt: number
  answer?: { ok: boolean; errorMessage?: string }
}

export interface FakeCharge {
  telegramChargeId: string
  providerChargeId: string
  userId: number
  currency: string
  totalAmount: number
  payload: string
  refunded: boolean
}

/** Telegram's own limits for an invoice. */
const RULES = {
  titleMax: 32,
  descriptionMax: 255,
  payloadMaxBytes: 128,
  /** The bot must answer a pre-checkout query within this time. */
  checkoutAnswerMs: 10_000,
}

const bad = (description: string): TelegramErrorSpec => ({
  error_code: 400,
  description: `Bad Request: ${description}`,
})

export class FakePayments {
  /** Tokens of the payment providers connected to this bot in @BotFather. */
  readonly providerTokens = new Set<string>()
  readonly invoices: FakeInvoice[] = []
  readonly checkouts = new Map<string, FakeCheckout>()
  readonly charges = new Map<string, FakeCharge>()
  private nextId = 1

  constructor(private readonly now: () => number) {}

  /** Telegram's refusal of a payments call, or undefined when it would succeed. */
  refuse(method: string, p: Payload): TelegramErrorSpec | undefined {
    if (method === 'sendInvoice') return this.refuseInvoice(p)
    if (method === 'answerPreCheckoutQuery') {
      const checkout = this.checkouts.get(String(p.pre_checkout_query_id))
      if (!checkout || checkout.answer) return bad('QUERY_ID_INVALID')
      if (this.now() - checkout.openedAt > RULES.checkoutAnswerMs) {
        return bad('query is too old and response timeout expired or query ID is invalid')
      }
      if (p.ok !== true && !p.error_message) return bad('error_message is required when ok is False')
      return undefined
    }
    if (method === 'refundStarPayment') {
      const charge = this.charges.get(String(p.telegram_payment_charge_id))
      if (!charge || charge.userId !== Number(p.user_id) || charge.currency !== 'XTR') return bad('CHARGE_NOT_FOUND')
      if (charge.refunded) return bad('CHARGE_ALREADY_REFUNDED')
      return undefined
    }
    return undefined
  }

  private refuseInvoice(p: Payload): TelegramErrorSpec | undefined {
    const title = String(p.title ?? '')
    const description = String(p.description ?? '')
    const payload = String(p.payload ?? '')
    if (title.length < 1 || title.length > RULES.titleMax) return bad('INVOICE_TITLE_INVALID')
    if (description.length < 1 || description.length > RULES.descriptionMax) return bad('INVOICE_DESCRIPTION_INVALID')
    const bytes = Buffer.byteLength(payload)
    if (bytes < 1 || bytes > RULES.payloadMaxBytes) return bad('INVOICE_PAYLOAD_INVALID')
    const prices = Array.isArray(p.prices) ? (p.prices as { label?: unknown; amount?: unknown }[]) : []
    if (prices.length === 0) return bad('prices must be non-empty')
    if (prices.some((price) => !Number.isInteger(price.amount) || Number(price.amount) <= 0 || !price.label)) {
      return bad('CURRENCY_TOTAL_AMOUNT_INVALID')
    }
    const token = String(p.provider_token ?? '')
    if (p.currency === 'XTR') {
      // Stars: no provider, exactly one price
      if (token !== '') return bad('PAYMENT_PROVIDER_INVALID')
      if (prices.length !== 1) return bad('STARS_INVOICE_INVALID')
    } else {
      if (!/^[A-Z]{3}$/.test(String(p.currency))) return bad('CURRENCY_INVALID')
      if (!this.providerTokens.has(token)) return bad('PAYMENT_PROVIDER_INVALID')
    }
    if (p.provider_data !== undefined) {
      try {
        JSON.parse(String(p.provider_data))
      } catch {
        return bad('DATA_JSON_INVALID')
      }
    }
    return undefined
  }

  /** What a payments call does once allowed; `message` builds the sent message. */
  result(method: string, p: Payload, message: (extra: Record<string, unknown>) => { message_id: number }): unknown {
    switch (method) {
      case 'sendInvoice': {
        const totalAmount = (p.prices as { amount: number }[]).reduce((sum, price) => sum + price.amount, 0)
        const sent = message({
          invoice: {
            title: p.title,
            description: p.description,
            start_parameter: p.start_parameter ?? '',
            currency: p.currency,
            total_amount: totalAmount,
          },
        })
        this.invoices.push({
          chatId: Number(p.chat_id),
          messageId: sent.message_id,
          title: String(p.title),
          description: String(p.description),
          payload: String(p.payload),
          currency: String(p.currency),
          totalAmount,
          providerToken: String(p.provider_token ?? ''),
          ...(p.provider_data !== undefined ? { providerData: String(p.provider_data) } : {}),
          needEmail: p.need_email === true,
          needPhoneNumber: p.need_phone_number === true,
        })
        return sent
      }
      case 'answerPreCheckoutQuery': {
        const checkout = this.checkouts.get(String(p.pre_checkout_query_id)) as FakeCheckout
        checkout.answer = { ok: p.ok === true, ...(p.error_message ? { errorMessage: String(p.error_message) } : {}) }
        return true
      }
      case 'refundStarPayment': {
        const charge = this.charges.get(String(p.telegram_payment_charge_id)) as FakeCharge
        charge.refunded = true
        return true
      }
      default:
        return undefined
    }
  }

  /** The last invoice sent to a chat. */
  lastInvoiceTo(chatId: number): FakeInvoice | undefined {
    return this.invoices.filter((i) => i.chatId === chatId).at(-1)
  }

  /** A person pressed Pay and confirmed: Telegram asks the bot (see `UpdateFactory.preCheckout`). */
  openCheckout(userId: number): FakeCheckout {
    const checkout = { id: `pcq-${this.nextId++}`, userId, openedAt: this.now() }
    this.checkouts.set(checkout.id, checkout)
    return checkout
  }

  /**
   * The money moved (see `UpdateFactory.successfulPayment`). Telegram charges only after
   * the bot said ok to this person's checkout: anything else is a broken test.
   */
  charge(userId: number, invoice: Pick<FakeInvoice, 'currency' | 'totalAmount' | 'payload'>): FakeCharge {
    const checkout = [...this.checkouts.values()].filter((c) => c.userId === userId).at(-1)
    if (!checkout?.answer?.ok) throw new Error(`no checkout of user ${userId} was accepted: Telegram would not charge`)
    const n = this.nextId++
    const charge: FakeCharge = {
      telegramChargeId: `tg-charge-${n}`,
      providerChargeId: invoice.currency === 'XTR' ? '' : `provider-charge-${n}`,
      userId,
      currency: invoice.currency,
      totalAmount: invoice.totalAmount,
      payload: invoice.payload,
      refunded: false,
    }
    this.charges.set(charge.telegramChargeId, charge)
    return charge
  }
}
