-- The staff message an order was made from (/invoice in the client topic): the same update
-- delivered again makes no second order. Orders made before have none and are not checked.
ALTER TABLE `orders` ADD `source_chat_id` integer;--> statement-breakpoint
ALTER TABLE `orders` ADD `source_message_id` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `orders_source_idx` ON `orders` (`source_chat_id`,`source_message_id`) WHERE "orders"."source_message_id" is not null;