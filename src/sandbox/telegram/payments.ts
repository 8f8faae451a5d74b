/**
 * Payments in the emulated Telegram: the invoices the bot sent, checkouts people
 * started and the charges they paid, in Telegram's order — a checkout is asked of
 * the bot (`pre_checkout_query`), which must answer once within 10 seconds; only
 * after "ok" does the money move (`successful_payment`). Stars (XTR) are refunded by
 * the bot (refundStarPayment); payment providers are those connected in @BotFather.
 * The Bot API side is ./methods/payments.ts.
 */
import type { Message, User } from 'grammy/types'
import type { TelegramEmulator } from './emulator.ts'
import { UserActionError } from './emulator.ts'

export interface InvoiceRecord {
  chatId: number
  messageId: number
  title: string
  description: string
  /** The bot's payload: never shown to people, handed back with the checkout and the payment. */
  payload: string
  currency: string
  totalAmount: number
  /** Empty for Stars. */
  providerToken: string
  providerData?: string
  needEmail: boolean
  needPhoneNumber: boolean
}

export interface Checkout {
  id: string
  userId: number
  openedAt: number
  invoice: Pick<InvoiceRecord, 'currency' | 'totalAmount' | 'payload'> & { chatId?: number }
  answer?: { ok: boolean; errorMessage?: string }
  /** Opened by a person in the world (the sandbox): the payment follows the bot's "ok" by itself. */
  live: boolean
}

export interface Charge {
  telegramChargeId: string
  providerChargeId: string
  userId: number
  currency: string
  totalAmount: number
  payload: string
  refunded: boolean
}

/** Telegram's own rule: the bot answers a checkout within this time, or it fails. */
export const CHECKOUT_ANSWER_MS = 10_000

/** What the payer reads when the bot let a checkout go unanswered (Telegram's form shows an error). */
const UNANSWERED_CHECKOUT =
  'The bot did not confirm the payment in time. The payment did not go through; no money was taken.'

/** What is kept across restarts of a sandbox (checkouts last seconds: not kept). */
export interface PaymentsSnapshot {
  invoices: InvoiceRecord[]
  charges: [string, Charge][]
  seq: number
}

export class Payments {
  /** Tokens of the payment providers connected to the bot in @BotFather. */
  readonly providerTokens = new Set<string>()
  readonly invoices: InvoiceRecord[] = []
  readonly checkouts = new Map<string, Checkout>()
  readonly charges = new Map<string, Charge>()
  private seq = 0

  constructor(private readonly em: TelegramEmulator) {}

  snapshot(): PaymentsSnapshot {
    return { invoices: this.invoices, charges: [...this.charges], seq: this.seq }
  }

  restore(snapshot: PaymentsSnapshot): void {
    this.invoices.push(...snapshot.invoices)
    for (const [id, charge] of snapshot.charges) this.charges.set(id, charge)
    this.seq = snapshot.seq
  }

  /** The last invoice sent to a chat. */
  lastInvoiceTo(chatId: number): InvoiceRecord | undefined {
    return this.invoices.filter((i) => i.chatId === chatId).at(-1)
  }

  /**
   * A checkout: the person pressed Pay and confirmed. `live` (a person in the world):
   * the bot gets the query as an update, and the money moves once it says ok.
   */
  openCheckout(userId: number, invoice: Checkout['invoice'], { live = false } = {}): Checkout {
    const checkout: Checkout = { id: `pcq-${++this.seq}`, userId, openedAt: this.em.now(), invoice, live }
    this.checkouts.set(checkout.id, checkout)
    return checkout
  }

  /**
   * The money moves for this accepted checkout: a charge with Telegram's (and, not for
   * Stars, the provider's) id. Telegram charges nobody the bot did not say ok to. The
   * checkout itself, not the person's latest one: with two open (a double tap on Pay, two
   * invoices) the bot's ok to either is that payment, and an ok to both is two payments.
   */
  charge(checkout: Checkout): Charge {
    if (!checkout.answer?.ok)
      throw new UserActionError(`checkout ${checkout.id} was not accepted: Telegram would not charge`)
    const { userId, invoice } = checkout
    const n = ++this.seq
    const charge: Charge = {
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

  /** The service message the chat gets when the money moved. */
  successfulPayment(charge: Charge): Pick<Message, 'successful_payment'> {
    return {
      successful_payment: {
        currency: charge.currency,
        total_amount: charge.totalAmount,
        invoice_payload: charge.payload,
        telegram_payment_charge_id: charge.telegramChargeId,
        provider_payment_charge_id: charge.providerChargeId,
      },
    }
  }

  // ------------------------------------------------------------ people's side (the sandbox)

  /** A person presses Pay under an invoice in their chat and confirms: the bot is asked. */
  pay(userId: number, messageId: number): Checkout {
    const person = this.em.person(userId)
    const invoice = this.invoices.find((i) => i.chatId === userId && i.messageId === messageId)
    if (!invoice) throw new UserActionError('There is no invoice to pay there')
    const checkout = this.openCheckout(userId, invoice, { live: true })
    this.em.enqueue({
      pre_checkout_query: {
        id: checkout.id,
        from: person.user,
        currency: invoice.currency,
        total_amount: invoice.totalAmount,
        invoice_payload: invoice.payload,
      },
    })
    // Telegram's payment form gives up on a bot that does not answer in time, and says so: the
    // person is never left before a form that will not move (the bot's late answer is refused)
    setTimeout(() => this.unanswered(checkout), CHECKOUT_ANSWER_MS).unref()
    return checkout
  }

  /** A person's checkout the bot did not answer in time: nothing is charged, and they are told. */
  private unanswered(checkout: Checkout): void {
    if (checkout.answer) return
    this.em.emit({
      type: 'answer',
      chatId: checkout.userId,
      userId: checkout.userId,
      text: UNANSWERED_CHECKOUT,
      showAlert: true,
    })
  }

  /** After the bot's "ok" to a person's checkout: the money moves and the chat shows it. */
  completeLive(checkout: Checkout, user: User): void {
    const charge = this.charge(checkout)
    const chat = this.em.chat(checkout.userId)
    const message = this.em.post(chat, this.successfulPayment(charge), { from: user, fromBot: false, service: true })
    this.em.enqueue({ message } as never)
  }
}
