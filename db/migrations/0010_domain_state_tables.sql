CREATE TABLE `client_topics` (
	`client_id` integer PRIMARY KEY NOT NULL,
	`card_topic_id` integer,
	`card_message_id` integer,
	`lost_at` integer,
	`lost_why` text,
	`refused_at` integer,
	`transcript_posted_to` integer DEFAULT 0 NOT NULL,
	`title_status` text,
	`topic_closed` integer DEFAULT false NOT NULL,
	`neutral_title` integer DEFAULT false NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `owner_inputs` (
	`owner_id` integer PRIMARY KEY NOT NULL,
	`step` text NOT NULL,
	`started_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `staff_group_problems` (
	`group_id` integer NOT NULL,
	`problem` text NOT NULL,
	`told_at` integer NOT NULL,
	PRIMARY KEY(`group_id`, `problem`)
);
--> statement-breakpoint
ALTER TABLE `broadcasts` ADD `plan` text;--> statement-breakpoint
ALTER TABLE `clients` ADD `night_reply_back_at` integer;--> statement-breakpoint
ALTER TABLE `quiz_results` ADD `shown_count` integer DEFAULT 0 NOT NULL;