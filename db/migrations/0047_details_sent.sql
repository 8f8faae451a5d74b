-- When an order's payment details were first sent to the client: "I've paid" in words about it,
-- a Telegram invoice since, goes to the team's check (src/bot/features/handoff-relay.ts). Orders
-- from before that are "details" still had their details offered when made. Ones already turned
-- into Telegram invoices cannot be told apart from invoices made as such: they stay null.
ALTER TABLE `orders` ADD `details_sent_at` integer;--> statement-breakpoint
UPDATE `orders` SET `details_sent_at` = `created_at` WHERE `invoice_kind` = 'details';
