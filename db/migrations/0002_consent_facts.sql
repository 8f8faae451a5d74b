-- Marketing consent as separate facts: granted, declined, withdrawn.
-- Before, answering "No, thanks", pressing Unsubscribe and sending /stop all set
-- opt_out_at and cleared consent_at and consent_version, so a decline looked like
-- a withdrawal and a withdrawal lost the time of the consent it withdrew. The
-- events table still has each answer at the same millisecond, and the wording's
-- version was 'marketing-v1' throughout. Erased clients (/forget) are left as they are.

-- 1. Withdrawn: a consent was given before the opt-out; bring back when it was given.
UPDATE `clients` SET
  `consent_at` = (
    SELECT max(e.`created_at`) FROM `events` e
    WHERE e.`client_id` = `clients`.`id` AND e.`type` = 'consent_given' AND e.`created_at` <= `clients`.`opt_out_at`
  ),
  `consent_version` = 'marketing-v1'
WHERE `consent_at` IS NULL AND `opt_out_at` IS NOT NULL AND `deleted_at` IS NULL
  AND EXISTS (
    SELECT 1 FROM `events` e
    WHERE e.`client_id` = `clients`.`id` AND e.`type` = 'consent_given' AND e.`created_at` <= `clients`.`opt_out_at`
  );
--> statement-breakpoint
-- 2. Declined at the question (no consent before it, and not a /stop): a decline, not an opt-out.
UPDATE `clients` SET
  `consent_declined_at` = `opt_out_at`,
  `consent_version` = 'marketing-v1',
  `opt_out_at` = NULL
WHERE `consent_at` IS NULL AND `opt_out_at` IS NOT NULL AND `deleted_at` IS NULL
  AND NOT EXISTS (
    SELECT 1 FROM `events` e
    WHERE e.`client_id` = `clients`.`id` AND e.`type` = 'opt_out' AND e.`created_at` = `clients`.`opt_out_at`
  );
--> statement-breakpoint
-- 3. /stop without ever consenting: declined (when they answered the question, else at /stop);
--    opt_out_at stays, since /stop also ends the reminder of an unfinished flow.
UPDATE `clients` SET
  `consent_declined_at` = coalesce(
    (
      SELECT min(e.`created_at`) FROM `events` e
      WHERE e.`client_id` = `clients`.`id` AND e.`type` = 'consent_declined' AND e.`created_at` <= `clients`.`opt_out_at`
    ),
    `opt_out_at`
  ),
  `consent_version` = CASE
    WHEN EXISTS (
      SELECT 1 FROM `events` e
      WHERE e.`client_id` = `clients`.`id` AND e.`type` = 'consent_declined' AND e.`created_at` <= `clients`.`opt_out_at`
    ) THEN 'marketing-v1'
    ELSE `consent_version`
  END
WHERE `consent_at` IS NULL AND `opt_out_at` IS NOT NULL AND `consent_declined_at` IS NULL AND `deleted_at` IS NULL;
