/**
 * A client asking for their money back politely ("can I get my money back?", «можно вернуть
 * деньги?») is asking for a refund, not complaining: the request opens for it (`refund`), the
 * owners hear no complaint, and the topic reads what was paid and how a refund is made.
 */
import type { Deps } from '../../deps.ts'
import { asksForRefund, namesARefund } from '../typed-answers.ts'

/**
 * `text` asks for the money back (`asksForRefund`) and says nothing of a complaint besides: the
 * content's trigger words in it, if any, are the refund's own ("money back", "refund"). "This is a
 * scam, can I get a refund?" is a complaint still.
 */
export function refundAsked(deps: Deps, text: string): boolean {
  return asksForRefund(text) && deps.services.handoff.triggersIn(text).every(namesARefund)
}

/**
 * The topic hears that the client asks for their money back: each of their paid invoices with its
 * amount and the `/refund` for it (an owner's gives it, a manager's asks the owners), or that they
 * have none paid in the bot.
 */
export function noteRefundAsked(deps: Deps, clientId: number): void {
  const paid = deps.services.orders.paid(clientId)
  deps.services.handoff.notifyTopic(clientId, [
    { key: 'handoff-topic-refund-asked', args: { paid: paid.length > 0 ? 'some' : 'none' } },
    ...paid.map((order) => ({
      key: 'handoff-topic-refund-invoice' as const,
      args: { id: String(order.id), amount: { money: { minor: order.amount, currency: order.currency } } },
    })),
  ])
}
