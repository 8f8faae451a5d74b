ALTER TABLE `orders` ADD `due_date` text;--> statement-breakpoint
-- Filled from `due_at` at the first start, in the business's time zone, which SQL does not
-- know (src/services/orders.ts, fillDueDates)
SELECT 1;
