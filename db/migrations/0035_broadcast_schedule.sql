ALTER TABLE `broadcasts` ADD `scheduled_at` integer;--> statement-breakpoint
ALTER TABLE `broadcasts` ADD `notice_message_id` integer;--> statement-breakpoint
-- A draft put off to the end of the quiet hours before this migration has only its
-- broadcast_start job (payload {"broadcastId": N}): it is scheduled for that job's time, the
-- earliest if it was put off twice (a job being run when the bot stopped runs again). Its
-- notice is not known: it is left as it is.
UPDATE `broadcasts` SET `scheduled_at` = (
  SELECT min(`jobs`.`run_at`) FROM `jobs`
  WHERE `jobs`.`kind` = 'broadcast_start'
    AND `jobs`.`status` IN ('pending', 'running')
    AND json_extract(`jobs`.`payload`, '$.broadcastId') = `broadcasts`.`id`
) WHERE `status` = 'draft';
