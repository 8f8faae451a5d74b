-- Domain state moves out of the key-value table into the tables and columns made for it
-- (0010, and handoffs.sla_breached_at from 0006): kv keeps only grammY's conversation
-- state. Every value below was written with JSON.stringify under its prefix; rows whose
-- client, request, result or broadcast no longer exists, and whatever is left of clients
-- who erased their data (/forget), are dropped with the rest.

-- A client's topic: the card, a lost or refused topic, how far the transcript was posted,
-- the status mark and open/closed state last applied in Telegram.
INSERT INTO `client_topics`
  (`client_id`, `card_topic_id`, `card_message_id`, `lost_at`, `lost_why`, `refused_at`, `transcript_posted_to`,
   `title_status`, `topic_closed`, `neutral_title`, `updated_at`)
SELECT
  c.`id`,
  json_extract(card.`value`, '$.topicId'),
  json_extract(card.`value`, '$.messageId'),
  json_extract(lost.`value`, '$.at'),
  CASE WHEN lost.`key` IS NULL THEN NULL ELSE coalesce(json_extract(lost.`value`, '$.why'), 'deleted') END,
  json_extract(refused.`value`, '$.at'),
  coalesce(json_extract(posted.`value`, '$.toId'), 0),
  CASE WHEN json_extract(status.`value`, '$.status') IN ('waiting', 'breached', 'answered', 'client', 'closed')
    THEN json_extract(status.`value`, '$.status') END,
  coalesce(json_extract(status.`value`, '$.closed'), 0),
  coalesce(json_extract(status.`value`, '$.neutral'), 0),
  max(coalesce(card.`updated_at`, 0), coalesce(lost.`updated_at`, 0), coalesce(refused.`updated_at`, 0),
    coalesce(posted.`updated_at`, 0), coalesce(status.`updated_at`, 0))
FROM `clients` c
LEFT JOIN `kv` card ON card.`key` = 'handoff:card:' || c.`id`
LEFT JOIN `kv` lost ON lost.`key` = 'handoff:topic-lost:' || c.`id`
LEFT JOIN `kv` refused ON refused.`key` = 'handoff:topic-refused:' || c.`id`
LEFT JOIN `kv` posted ON posted.`key` = 'handoff:transcript:' || c.`id`
LEFT JOIN `kv` status ON status.`key` = 'topic:status:' || c.`id`
WHERE c.`deleted_at` IS NULL
  AND (card.`key` IS NOT NULL OR lost.`key` IS NOT NULL OR refused.`key` IS NOT NULL OR posted.`key` IS NOT NULL
    OR status.`key` IS NOT NULL);
--> statement-breakpoint
-- Staff-group problems the owners were told about: 'handoff:problem:<group id>:<problem>'.
INSERT OR IGNORE INTO `staff_group_problems` (`group_id`, `problem`, `told_at`)
SELECT
  CAST(substr(rest, 1, instr(rest, ':') - 1) AS INTEGER),
  substr(rest, instr(rest, ':') + 1),
  coalesce(json_extract(`value`, '$.at'), `updated_at`)
FROM (SELECT substr(`key`, 17) AS rest, `value`, `updated_at` FROM `kv` WHERE `key` GLOB 'handoff:problem:*')
WHERE instr(rest, ':') > 1;
--> statement-breakpoint
-- A missed SLA the staff were alerted of (a request the desk already marked keeps its time).
UPDATE `handoffs` SET `sla_breached_at` = (
  SELECT json_extract(`value`, '$.at') FROM `kv` WHERE `key` = 'handoff:sla-alerted:' || `handoffs`.`id`
)
WHERE `sla_breached_at` IS NULL
  AND EXISTS (SELECT 1 FROM `kv` WHERE `key` = 'handoff:sla-alerted:' || `handoffs`.`id`);
--> statement-breakpoint
-- The end of the closed stretch a client was last told about at night ("back at 10:00").
UPDATE `clients` SET `night_reply_back_at` = (
  SELECT json_extract(`value`, '$.backAt') FROM `kv` WHERE `key` = 'night-reply:' || `clients`.`id`
)
WHERE `deleted_at` IS NULL AND EXISTS (SELECT 1 FROM `kv` WHERE `key` = 'night-reply:' || `clients`.`id`);
--> statement-breakpoint
-- The step an owner's next message answers: 'owner-input:<owner id>'.
INSERT OR REPLACE INTO `owner_inputs` (`owner_id`, `step`, `started_at`)
SELECT CAST(substr(`key`, 13) AS INTEGER), `value`, coalesce(json_extract(`value`, '$.at'), `updated_at`)
FROM `kv` WHERE `key` GLOB 'owner-input:*';
--> statement-breakpoint
-- How many product cards of a quiz result were shown (the value is a plain number).
UPDATE `quiz_results` SET `shown_count` = (
  SELECT CAST(`value` AS INTEGER) FROM `kv` WHERE `key` = 'quiz-shown:' || `quiz_results`.`id`
)
WHERE EXISTS (SELECT 1 FROM `kv` WHERE `key` = 'quiz-shown:' || `quiz_results`.`id`);
--> statement-breakpoint
-- A broadcast's delivery plan (JSON, kept as it was written).
UPDATE `broadcasts` SET `plan` = (
  SELECT `value` FROM `kv` WHERE `key` = 'broadcast-plan:' || `broadcasts`.`id`
)
WHERE EXISTS (SELECT 1 FROM `kv` WHERE `key` = 'broadcast-plan:' || `broadcasts`.`id`);
--> statement-breakpoint
DELETE FROM `kv` WHERE `key` GLOB 'handoff:card:*' OR `key` GLOB 'handoff:topic-lost:*'
  OR `key` GLOB 'handoff:topic-refused:*' OR `key` GLOB 'handoff:transcript:*'
  OR `key` GLOB 'handoff:problem:*' OR `key` GLOB 'handoff:sla-alerted:*'
  OR `key` GLOB 'owner-input:*' OR `key` GLOB 'quiz-shown:*' OR `key` GLOB 'broadcast-plan:*'
  OR `key` GLOB 'topic:status:*' OR `key` GLOB 'night-reply:*';
