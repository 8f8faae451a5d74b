-- One job billed in parts: a balance after a prepayment is a part of the prepayment's order
-- (orders.part_of, the job's first invoice), so /done, the check-in, the stage and /stats take the
-- job once. An /invoice that does not say whether it is such a part waits in invoice_drafts for
-- the manager's answer. Orders made before are each a job of their own (part_of null).
CREATE TABLE `invoice_drafts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`client_id` integer NOT NULL,
	`draft` text NOT NULL,
	`created_by` integer,
	`source_chat_id` integer NOT NULL,
	`source_message_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invoice_drafts_source_idx` ON `invoice_drafts` (`source_chat_id`,`source_message_id`);--> statement-breakpoint
ALTER TABLE `orders` ADD `part_of` integer REFERENCES orders(id);--> statement-breakpoint
CREATE INDEX `orders_part_of_idx` ON `orders` (`part_of`) WHERE "orders"."part_of" is not null;