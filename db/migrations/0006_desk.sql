CREATE TABLE `duty` (
	`telegram_id` integer NOT NULL,
	`group_id` integer NOT NULL,
	`on_duty` integer DEFAULT false NOT NULL,
	`changed_at` integer NOT NULL,
	`last_assigned_at` integer,
	PRIMARY KEY(`telegram_id`, `group_id`),
	FOREIGN KEY (`telegram_id`) REFERENCES `staff`(`telegram_id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `handoffs` ADD `sla_breached_at` integer;--> statement-breakpoint
ALTER TABLE `handoffs` ADD `close_asked_at` integer;--> statement-breakpoint
ALTER TABLE `handoffs` ADD `closed_by` text;--> statement-breakpoint
ALTER TABLE `handoffs` ADD `close_reason` text;