-- An invoice's summary in the client's topic, kept with the invoice for as long as it can change
-- (src/services/handoff/staff-route.ts): the outbox's record of the post is pruned after a week.
CREATE TABLE `invoice_summaries` (
	`order_id` integer PRIMARY KEY NOT NULL,
	`client_id` integer NOT NULL,
	`post` text NOT NULL,
	`chat_id` integer,
	`message_id` integer,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `invoice_summaries_client_idx` ON `invoice_summaries` (`client_id`);--> statement-breakpoint
-- The summaries posted before, from the outbox's record of them while it still holds it (a week of
-- delivered posts; one still queued gets its message when it goes). Older ones are known no more:
-- they read as they did when their record went, and are not edited.
INSERT INTO `invoice_summaries` (`order_id`, `client_id`, `post`, `chat_id`, `message_id`)
SELECT o.`id`, o.`client_id`, x.`payload`,
	iif(x.`status` = 'sent', x.`chat_id`, NULL),
	iif(x.`status` = 'sent', x.`result_message_id`, NULL)
FROM `outbox` x JOIN `orders` o ON o.`id` = json_extract(x.`payload`, '$.invoice')
WHERE x.`id` IN (
	SELECT max(`id`) FROM `outbox`
	WHERE `method` = 'notice' AND `status` IN ('pending', 'sending', 'sent') AND json_extract(`payload`, '$.invoice') IS NOT NULL
	GROUP BY json_extract(`payload`, '$.invoice')
);
