-- Each card's staff group (client_topics.card_chat_id, 0016), for the cards recorded before it
-- was kept: the group the outbox delivered it to (its record is kept a week), else the client's
-- group when the card is in their current topic. Otherwise it stays unknown, and /forget leaves
-- that card to the outbox's record rather than edit a message of that id in the wrong group.
UPDATE `client_topics` SET `card_chat_id` = (
  SELECT o.`chat_id` FROM `outbox` o
  WHERE o.`client_id` = `client_topics`.`client_id` AND o.`method` = 'card' AND o.`status` = 'sent'
    AND o.`result_message_id` = `client_topics`.`card_message_id`
  ORDER BY o.`id` DESC LIMIT 1
) WHERE `card_message_id` IS NOT NULL;--> statement-breakpoint
UPDATE `client_topics` SET `card_chat_id` = (
  SELECT c.`staff_group_id` FROM `clients` c
  WHERE c.`id` = `client_topics`.`client_id` AND c.`topic_id` = `client_topics`.`card_topic_id`
) WHERE `card_chat_id` IS NULL AND `card_message_id` IS NOT NULL;--> statement-breakpoint
-- A card in another group than the client's: they were moved (/move) and their topic there, with
-- the card, was left behind still bearing their name. /forget renames it there (left_topics);
-- the card is no longer theirs to edit.
INSERT OR IGNORE INTO `left_topics` (`client_id`, `chat_id`, `topic_id`, `card_message_id`, `left_at`)
SELECT ct.`client_id`, ct.`card_chat_id`, ct.`card_topic_id`, ct.`card_message_id`, ct.`updated_at`
FROM `client_topics` ct JOIN `clients` c ON c.`id` = ct.`client_id`
WHERE ct.`card_chat_id` IS NOT NULL AND ct.`card_topic_id` IS NOT NULL AND c.`deleted_at` IS NULL
  AND c.`staff_group_id` IS NOT NULL AND ct.`card_chat_id` != c.`staff_group_id`;--> statement-breakpoint
UPDATE `client_topics` SET `card_topic_id` = NULL, `card_message_id` = NULL, `card_chat_id` = NULL
WHERE EXISTS (
  SELECT 1 FROM `left_topics` l
  WHERE l.`client_id` = `client_topics`.`client_id` AND l.`chat_id` = `client_topics`.`card_chat_id`
    AND l.`topic_id` = `client_topics`.`card_topic_id`
);--> statement-breakpoint
-- Clients who erased their data before /forget deleted their greetings: a greeting's key says
-- "birthday" and it ran at 11:00 on that day in their time zone.
DELETE FROM `jobs` WHERE `kind` = 'greeting'
  AND `client_id` IN (SELECT `id` FROM `clients` WHERE `deleted_at` IS NOT NULL);
