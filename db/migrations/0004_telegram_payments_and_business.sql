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
--> statement-breakpoint
CREATE TABLE `payments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`order_id` integer,
	`client_id` integer,
	`method` text NOT NULL,
	`amount` integer NOT NULL,
	`currency` text NOT NULL,
	`telegram_charge_id` text NOT NULL,
	`provider_charge_id` text,
	`created_at` integer NOT NULL,
	`refunded_at` integer,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `payments_telegram_charge_id_unique` ON `payments` (`telegram_charge_id`);--> statement-breakpoint
CREATE INDEX `payments_order_idx` ON `payments` (`order_id`);--> statement-breakpoint
ALTER TABLE `messages` ADD `business_connection_id` text;--> statement-breakpoint
ALTER TABLE `messages` ADD `entities` text;--> statement-breakpoint
ALTER TABLE `messages` ADD `deleted_at` integer;--> statement-breakpoint
ALTER TABLE `orders` ADD `invoice_kind` text DEFAULT 'details' NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD `paid_via` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `refunded_at` integer;--> statement-breakpoint
ALTER TABLE `orders` ADD `refunded_by` integer;--> statement-breakpoint
CREATE INDEX `orders_paid_idx` ON `orders` (`paid_at`);