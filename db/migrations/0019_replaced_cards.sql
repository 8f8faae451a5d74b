-- Cards a newer card replaced (/card, a new topic), kept for /forget to edit however old they
-- are: it found them only in the outbox's record of delivered rows, which is kept a week.
CREATE TABLE `replaced_cards` (
	`client_id` integer NOT NULL,
	`chat_id` integer NOT NULL,
	`message_id` integer NOT NULL,
	`replaced_at` integer NOT NULL,
	PRIMARY KEY(`chat_id`, `message_id`),
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `replaced_cards_client_idx` ON `replaced_cards` (`client_id`);--> statement-breakpoint
-- The cards that record still knows of (the last week's), other than each client's current one
-- and those in the topics they left (/move), for clients who have not erased their data
INSERT OR IGNORE INTO `replaced_cards` (`client_id`, `chat_id`, `message_id`, `replaced_at`)
SELECT o.`client_id`, o.`chat_id`, o.`result_message_id`, o.`created_at`
FROM `outbox` o JOIN `clients` c ON c.`id` = o.`client_id`
WHERE o.`method` = 'card' AND o.`status` = 'sent' AND o.`result_message_id` IS NOT NULL
  AND c.`deleted_at` IS NULL
  AND NOT EXISTS (
    SELECT 1 FROM `client_topics` ct
    WHERE ct.`client_id` = o.`client_id` AND ct.`card_message_id` = o.`result_message_id`
      AND ct.`card_chat_id` = o.`chat_id`
  )
  AND NOT EXISTS (
    SELECT 1 FROM `left_topics` l
    WHERE l.`client_id` = o.`client_id` AND l.`chat_id` = o.`chat_id` AND l.`card_message_id` = o.`result_message_id`
  );
