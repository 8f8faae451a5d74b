PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_broadcast_recipients` (
	`broadcast_id` integer NOT NULL,
	`client_id` integer NOT NULL,
	`chat_id` integer,
	`status` text DEFAULT 'pending' NOT NULL,
	`message_id` integer,
	`error` text,
	`sent_at` integer,
	PRIMARY KEY(`broadcast_id`, `client_id`),
	FOREIGN KEY (`broadcast_id`) REFERENCES `broadcasts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
INSERT INTO `__new_broadcast_recipients`("broadcast_id", "client_id", "chat_id", "status", "message_id", "error", "sent_at") SELECT "broadcast_id", "client_id", "chat_id", "status", "message_id", "error", "sent_at" FROM `broadcast_recipients`;--> statement-breakpoint
DROP TABLE `broadcast_recipients`;--> statement-breakpoint
ALTER TABLE `__new_broadcast_recipients` RENAME TO `broadcast_recipients`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `broadcast_recipients_status_idx` ON `broadcast_recipients` (`broadcast_id`,`status`);