-- Clients who used /forget before it erased everything (db/repositories/erasure.ts): what
-- the erasure now also clears. Their Telegram id is gone from their row, so their chat's
-- outbox rows and flow state can no longer be found by it; the rows of their lanes can.
UPDATE `bookings` SET `status` = 'cancelled', `updated_at` = CAST(unixepoch('subsec') * 1000 AS INTEGER)
  WHERE `status` = 'booked' AND `client_id` IN (SELECT `id` FROM `clients` WHERE `deleted_at` IS NOT NULL);--> statement-breakpoint
UPDATE `bookings` SET `phone` = NULL, `comment` = NULL
  WHERE `client_id` IN (SELECT `id` FROM `clients` WHERE `deleted_at` IS NOT NULL);--> statement-breakpoint
UPDATE `handoffs` SET `detail` = NULL, `close_reason` = NULL
  WHERE `client_id` IN (SELECT `id` FROM `clients` WHERE `deleted_at` IS NOT NULL);--> statement-breakpoint
UPDATE `orders` SET `description` = NULL
  WHERE `client_id` IN (SELECT `id` FROM `clients` WHERE `deleted_at` IS NOT NULL);--> statement-breakpoint
UPDATE `feedback` SET `comment` = NULL
  WHERE `client_id` IN (SELECT `id` FROM `clients` WHERE `deleted_at` IS NOT NULL);--> statement-breakpoint
UPDATE `jobs` SET `status` = 'cancelled', `outcome` = 'the client erased their data'
  WHERE `status` = 'pending' AND `client_id` IN (SELECT `id` FROM `clients` WHERE `deleted_at` IS NOT NULL);--> statement-breakpoint
UPDATE `jobs` SET `payload` = '{}', `last_error` = NULL
  WHERE `client_id` IN (SELECT `id` FROM `clients` WHERE `deleted_at` IS NOT NULL);--> statement-breakpoint
DELETE FROM `outbox` WHERE `client_id` IN (SELECT `id` FROM `clients` WHERE `deleted_at` IS NOT NULL);--> statement-breakpoint
UPDATE `broadcast_recipients` SET `status` = 'skipped', `error` = 'the client erased their data'
  WHERE `status` = 'pending' AND `client_id` IN (SELECT `id` FROM `clients` WHERE `deleted_at` IS NOT NULL);--> statement-breakpoint
UPDATE `broadcast_recipients` SET `chat_id` = NULL
  WHERE `client_id` IN (SELECT `id` FROM `clients` WHERE `deleted_at` IS NOT NULL);--> statement-breakpoint
DELETE FROM `kv` WHERE `key` IN (
  SELECT p.`prefix` || c.`id` FROM `clients` c,
    (SELECT 'handoff:card:' AS `prefix` UNION ALL SELECT 'handoff:topic-lost:' UNION ALL SELECT 'handoff:topic-refused:'
      UNION ALL SELECT 'handoff:transcript:') p
  WHERE c.`deleted_at` IS NOT NULL
);--> statement-breakpoint
DELETE FROM `kv` WHERE `key` IN (
  SELECT 'handoff:sla-alerted:' || h.`id` FROM `handoffs` h JOIN `clients` c ON c.`id` = h.`client_id`
  WHERE c.`deleted_at` IS NOT NULL
);--> statement-breakpoint
DELETE FROM `kv` WHERE `key` LIKE 'quiz-shown:%'
  AND CAST(substr(`key`, 12) AS INTEGER) NOT IN (SELECT `id` FROM `quiz_results`);--> statement-breakpoint
UPDATE `clients` SET `staff_group_id` = NULL WHERE `deleted_at` IS NOT NULL;
