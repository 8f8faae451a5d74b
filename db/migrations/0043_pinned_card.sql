-- The card the bot last pinned in a client's topic: the next card's pin unpins it, so the topic
-- keeps one pinned card (src/bot/handoff/post-delivery.ts). Topics from before have their card
-- as it stands, which its pin followed: should it not be pinned, unpinning it is refused and passed.
ALTER TABLE `client_topics` ADD `pinned_card_id` integer;
--> statement-breakpoint
UPDATE `client_topics` SET `pinned_card_id` = `card_message_id` WHERE `card_message_id` IS NOT NULL AND `lost_at` IS NULL;
