CREATE TABLE `answers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`client_id` integer NOT NULL,
	`kind` text NOT NULL,
	`question_key` text NOT NULL,
	`value` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `answers_client_kind_key_uq` ON `answers` (`client_id`,`kind`,`question_key`);--> statement-breakpoint
CREATE TABLE `bookings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`client_id` integer NOT NULL,
	`kind` text DEFAULT 'slot' NOT NULL,
	`slot_start` integer NOT NULL,
	`slot_end` integer NOT NULL,
	`status` text DEFAULT 'booked' NOT NULL,
	`phone` text,
	`comment` text,
	`product_id` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `bookings_slot_idx` ON `bookings` (`slot_start`,`status`);--> statement-breakpoint
CREATE INDEX `bookings_client_idx` ON `bookings` (`client_id`);--> statement-breakpoint
CREATE TABLE `broadcast_recipients` (
	`broadcast_id` integer NOT NULL,
	`client_id` integer NOT NULL,
	`chat_id` integer NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`message_id` integer,
	`error` text,
	`sent_at` integer,
	PRIMARY KEY(`broadcast_id`, `client_id`),
	FOREIGN KEY (`broadcast_id`) REFERENCES `broadcasts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `broadcast_recipients_status_idx` ON `broadcast_recipients` (`broadcast_id`,`status`);--> statement-breakpoint
CREATE TABLE `broadcasts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`owner_id` integer NOT NULL,
	`source_chat_id` integer NOT NULL,
	`source_message_id` integer NOT NULL,
	`segment` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`progress_message_id` integer,
	`created_at` integer NOT NULL,
	`started_at` integer,
	`finished_at` integer
);
--> statement-breakpoint
CREATE TABLE `client_tags` (
	`client_id` integer NOT NULL,
	`tag` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`client_id`, `tag`),
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `client_tags_tag_idx` ON `client_tags` (`tag`);--> statement-breakpoint
CREATE TABLE `clients` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`telegram_id` integer,
	`first_name` text,
	`last_name` text,
	`username` text,
	`display_name` text,
	`language` text,
	`language_chosen` integer DEFAULT false NOT NULL,
	`phone` text,
	`email` text,
	`birthday` text,
	`timezone` text,
	`source` text,
	`referrer_id` integer,
	`stage` text DEFAULT 'contact' NOT NULL,
	`consent_asked_at` integer,
	`consent_at` integer,
	`consent_version` text,
	`opt_out_at` integer,
	`blocked_at` integer,
	`deleted_at` integer,
	`topic_id` integer,
	`manager_id` integer,
	`created_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `clients_telegram_id_unique` ON `clients` (`telegram_id`);--> statement-breakpoint
CREATE INDEX `clients_stage_idx` ON `clients` (`stage`);--> statement-breakpoint
CREATE INDEX `clients_topic_idx` ON `clients` (`topic_id`);--> statement-breakpoint
CREATE TABLE `content_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source` text NOT NULL,
	`hash` text NOT NULL,
	`yaml` text NOT NULL,
	`uploaded_by` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`client_id` integer,
	`type` text NOT NULL,
	`data` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `events_type_idx` ON `events` (`type`,`created_at`);--> statement-breakpoint
CREATE INDEX `events_client_idx` ON `events` (`client_id`,`type`);--> statement-breakpoint
CREATE TABLE `feedback` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`client_id` integer NOT NULL,
	`kind` text NOT NULL,
	`score` integer NOT NULL,
	`comment` text,
	`handoff_id` integer,
	`order_id` integer,
	`manager_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `feedback_kind_idx` ON `feedback` (`kind`,`created_at`);--> statement-breakpoint
CREATE TABLE `handoffs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`client_id` integer NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`reason` text NOT NULL,
	`opened_at` integer NOT NULL,
	`first_response_at` integer,
	`first_responder_id` integer,
	`manager_id` integer,
	`closed_at` integer,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `handoffs_client_idx` ON `handoffs` (`client_id`,`status`);--> statement-breakpoint
CREATE TABLE `jobs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`run_at` integer NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`max_attempts` integer DEFAULT 5 NOT NULL,
	`locked_until` integer,
	`sending_at` integer,
	`dedupe_key` text,
	`client_id` integer,
	`payload` text DEFAULT '{}' NOT NULL,
	`last_error` text,
	`outcome` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `jobs_dedupe_key_unique` ON `jobs` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `jobs_due_idx` ON `jobs` (`status`,`run_at`);--> statement-breakpoint
CREATE INDEX `jobs_locked_idx` ON `jobs` (`status`,`locked_until`);--> statement-breakpoint
CREATE INDEX `jobs_client_idx` ON `jobs` (`client_id`,`status`);--> statement-breakpoint
CREATE TABLE `kv` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`client_id` integer NOT NULL,
	`direction` text NOT NULL,
	`sender_id` integer,
	`type` text NOT NULL,
	`text` text,
	`file_id` text,
	`client_message_id` integer,
	`topic_message_id` integer,
	`media_group_id` text,
	`created_at` integer NOT NULL,
	`edited_at` integer,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `messages_client_idx` ON `messages` (`client_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `messages_client_msg_idx` ON `messages` (`client_id`,`client_message_id`);--> statement-breakpoint
CREATE INDEX `messages_topic_msg_idx` ON `messages` (`topic_message_id`);--> statement-breakpoint
CREATE TABLE `orders` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`client_id` integer NOT NULL,
	`amount` integer NOT NULL,
	`currency` text NOT NULL,
	`description` text,
	`due_at` integer,
	`status` text DEFAULT 'unpaid' NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`client_reported_paid_at` integer,
	`paid_at` integer,
	`done_at` integer,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `orders_client_idx` ON `orders` (`client_id`,`status`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`chat_id` integer NOT NULL,
	`client_id` integer,
	`method` text NOT NULL,
	`payload` text NOT NULL,
	`message_row_id` integer,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`not_before` integer NOT NULL,
	`result_message_id` integer,
	`last_error` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `outbox_status_idx` ON `outbox` (`chat_id`,`status`,`id`);--> statement-breakpoint
CREATE TABLE `product_feedback` (
	`result_id` integer NOT NULL,
	`product_id` text NOT NULL,
	`vote` integer NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`result_id`, `product_id`),
	FOREIGN KEY (`result_id`) REFERENCES `quiz_results`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `quiz_results` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`client_id` integer NOT NULL,
	`answers` text NOT NULL,
	`ranking` text NOT NULL,
	`outcome` text NOT NULL,
	`is_current` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `quiz_results_client_idx` ON `quiz_results` (`client_id`);--> statement-breakpoint
CREATE TABLE `staff` (
	`telegram_id` integer PRIMARY KEY NOT NULL,
	`role` text NOT NULL,
	`name` text,
	`added_by` integer,
	`created_at` integer NOT NULL
);
