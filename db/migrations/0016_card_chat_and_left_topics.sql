-- Where each card is (its staff group), and the topics a client left in another group when an
-- owner moved them (/move): /forget renames and edits each in its own group.
CREATE TABLE `left_topics` (
	`client_id` integer NOT NULL,
	`chat_id` integer NOT NULL,
	`topic_id` integer NOT NULL,
	`card_message_id` integer,
	`left_at` integer NOT NULL,
	PRIMARY KEY(`chat_id`, `topic_id`),
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `left_topics_client_idx` ON `left_topics` (`client_id`);--> statement-breakpoint
ALTER TABLE `client_topics` ADD `card_chat_id` integer;