-- The index of topic message ids holds only transcript rows copied into a topic: every
-- other row (the bot's replies, what a client writes outside a handoff) wrote an entry
-- of null into it, a b-tree write on every message the bot records.
DROP INDEX `messages_topic_msg_idx`;--> statement-breakpoint
CREATE INDEX `messages_topic_msg_idx` ON `messages` (`topic_message_id`) WHERE "messages"."topic_message_id" is not null;