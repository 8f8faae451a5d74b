ALTER TABLE `clients` ADD `staff_group_id` integer;--> statement-breakpoint
ALTER TABLE `handoffs` ADD `detail` text;