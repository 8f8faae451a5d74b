ALTER TABLE `handoffs` ADD `settled_at` integer;--> statement-breakpoint
ALTER TABLE `handoffs` ADD `settled_by` text;--> statement-breakpoint
ALTER TABLE `handoffs` ADD `wait_settles` text;