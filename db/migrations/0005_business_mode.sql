CREATE TABLE `business_chats` (
	`client_id` integer PRIMARY KEY NOT NULL,
	`connection_id` text NOT NULL,
	`last_in_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `business_connections` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`user_chat_id` integer NOT NULL,
	`name` text,
	`username` text,
	`enabled` integer NOT NULL,
	`rights` text NOT NULL,
	`connected_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
