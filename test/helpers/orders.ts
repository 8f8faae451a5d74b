/** An invoice for a test's client, as a manager's /invoice would make it, without the chat around it. */
import type { OrderRow } from '../../db/schema.ts'
import type { OrderService } from '../../src/services/orders.ts'

type Input = Parameters<OrderService['create']>[0]

/**
 * An unpaid invoice for `clientId` (15 000 ₽ for «Визитка», due 25 December, paid by the
 * details in the content file), each of its fields overridable.
 */
export function unpaidInvoice(
  h: { deps: { services: { orders: Pick<OrderService, 'create'> } } },
  clientId: number,
  overrides: Partial<Omit<Input, 'clientId'>> = {},
): OrderRow {
  const created = h.deps.services.orders.create({
    clientId,
    createdBy: null,
    invoiceKind: 'details',
    amount: 1_500_000,
    currency: 'RUB',
    productId: null,
    description: 'Визитка',
    dueDate: '2026-12-25',
    ...overrides,
  })
  if (!created) throw new Error(`no invoice for client ${clientId}: they erased their data`)
  return created.order
}
