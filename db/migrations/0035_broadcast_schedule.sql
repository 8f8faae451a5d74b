ALTER TABLE `broadcasts` ADD `scheduled_at` integer;--> statement-breakpoint
ALTER TABLE `broadcasts` ADD `notice_message_id` integer;