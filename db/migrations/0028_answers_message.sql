-- The client's message that gave a typed answer, and its chat (null: the client's chat with
-- the bot, else the Business connection, as in `messages`): an edit of that message, with no
-- question waiting, is told that it changes nothing. Answers stored before name none.
ALTER TABLE `answers` ADD `message_id` integer;--> statement-breakpoint
ALTER TABLE `answers` ADD `business_connection_id` text;