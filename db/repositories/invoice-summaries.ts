/**
 * Invoices' summaries in the clients' topics (`invoice_summaries`): what each reads now and the
 * message it went in, kept with the invoice for as long as the invoice can change.
 */
import { and, eq, sql } from 'drizzle-orm'
import type { Db } from '../client.ts'
import { invoiceSummaries } from '../schema.ts'

export type InvoiceSummaryRow = typeof invoiceSummaries.$inferSelect

/** The summary of invoice `orderId` as it is to read, before it is posted. */
export function keepInvoiceSummary(db: Db, row: { orderId: number; clientId: number; post: unknown }): void {
  db.insert(invoiceSummaries)
    .values(row)
    .onConflictDoUpdate({ target: invoiceSummaries.orderId, set: { post: row.post } })
    .run()
}

export function findInvoiceSummary(db: Db, orderId: number): InvoiceSummaryRow | undefined {
  return db.select().from(invoiceSummaries).where(eq(invoiceSummaries.orderId, orderId)).get()
}

/** The client's invoice whose summary went in message `messageId` of group `chatId` (what someone there replied to). */
export function invoiceSummaryAt(
  db: Db,
  { clientId, chatId, messageId }: { clientId: number; chatId: number; messageId: number },
): number | undefined {
  return db
    .select({ orderId: invoiceSummaries.orderId })
    .from(invoiceSummaries)
    .where(
      and(
        eq(invoiceSummaries.clientId, clientId),
        eq(invoiceSummaries.chatId, chatId),
        eq(invoiceSummaries.messageId, messageId),
      ),
    )
    .get()?.orderId
}

/** What the summary of invoice `orderId` reads now. */
export function setInvoiceSummaryPost(db: Db, orderId: number, post: unknown): void {
  db.update(invoiceSummaries).set({ post }).where(eq(invoiceSummaries.orderId, orderId)).run()
}

/** The summary of invoice `orderId` went in message `messageId` of group `chatId`. */
export function invoiceSummaryPosted(db: Db, orderId: number, chatId: number, messageId: number): void {
  db.update(invoiceSummaries).set({ chatId, messageId }).where(eq(invoiceSummaries.orderId, orderId)).run()
}

/**
 * The client's summaries whose warning names invoice `orderId` among the client's other unpaid
 * invoices (`StaffPostPayload.others`).
 */
export function invoiceSummariesNaming(db: Db, clientId: number, orderId: number): InvoiceSummaryRow[] {
  return db
    .select()
    .from(invoiceSummaries)
    .where(
      and(
        eq(invoiceSummaries.clientId, clientId),
        sql`exists (select 1 from json_each(${invoiceSummaries.post}, '$.others') where value = ${orderId})`,
      ),
    )
    .all()
}
