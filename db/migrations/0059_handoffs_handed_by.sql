ALTER TABLE `handoffs` ADD `handed_by` integer;--> statement-breakpoint
ALTER TABLE `handoffs` ADD `handed_at` integer;