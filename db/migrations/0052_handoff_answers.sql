CREATE TABLE `handoff_answers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`handoff_id` integer NOT NULL,
	`at` integer NOT NULL,
	`staff_id` integer NOT NULL,
	`message_id` integer,
	FOREIGN KEY (`handoff_id`) REFERENCES `handoffs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`message_id`) REFERENCES `messages`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `handoff_answers_handoff_idx` ON `handoff_answers` (`handoff_id`,`at`);--> statement-breakpoint
CREATE UNIQUE INDEX `handoff_answers_message_uq` ON `handoff_answers` (`message_id`) WHERE "handoff_answers"."message_id" is not null;