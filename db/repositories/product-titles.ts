import { sql } from 'drizzle-orm'
import type { Db } from '../client.ts'
import { productTitles } from '../schema.ts'

export type ProductTitleRow = typeof productTitles.$inferSelect

export function allProductTitles(db: Db): ProductTitleRow[] {
  return db.select().from(productTitles).all()
}

/** Inserts or updates the titles given, in one statement. */
export function saveProductTitles(
  db: Db,
  titles: readonly Pick<ProductTitleRow, 'productId' | 'title'>[],
  now: number,
): void {
  if (titles.length === 0) return
  db.insert(productTitles)
    .values(titles.map((t) => ({ ...t, updatedAt: now })))
    .onConflictDoUpdate({
      target: productTitles.productId,
      set: { title: sql`excluded.title`, updatedAt: sql`excluded.updated_at` },
    })
    .run()
}
