-- Every message a delivery put into the chat (an album's parts), for /forget to delete them all:
-- it found the parts after the first by the transcript's links, which a /move clears.
ALTER TABLE `outbox` ADD `result_message_ids` text;--> statement-breakpoint
-- Albums delivered before, from those links while they still name this delivery's copies (the
-- first part's is the row's result), so /forget within Telegram's 48 hours deletes every part
UPDATE `outbox` SET `result_message_ids` = (
  SELECT json_group_array(t) FROM (
    SELECT m.`topic_message_id` AS t
    FROM json_each(`outbox`.`payload`, '$.rowIds') r JOIN `messages` m ON m.`id` = r.`value`
    WHERE m.`topic_message_id` IS NOT NULL
    ORDER BY r.`key`
  )
)
WHERE `method` = 'relay_in' AND `status` = 'sent' AND `result_message_id` IS NOT NULL
  AND json_array_length(`payload`, '$.rowIds') > 1
  AND (SELECT m.`topic_message_id` FROM `messages` m WHERE m.`id` = json_extract(`payload`, '$.rowIds[0]'))
    = `result_message_id`;
