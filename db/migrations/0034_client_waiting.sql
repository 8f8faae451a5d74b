ALTER TABLE `handoffs` ADD `client_waiting_since` integer;--> statement-breakpoint
ALTER TABLE `handoffs` ADD `reply_late_at` integer;