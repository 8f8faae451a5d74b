-- A request keeps the answer deadline it was opened with, and who led it when it went late.
-- Requests opened before have no stored deadline: the stats count theirs from the content as
-- it is. Those that went late before keep the manager the stats filed them under (who answered
-- first, else who leads them): who led them at the time was not recorded.
ALTER TABLE `handoffs` ADD `sla_due_at` integer;--> statement-breakpoint
ALTER TABLE `handoffs` ADD `sla_breached_by` integer;--> statement-breakpoint
UPDATE `handoffs` SET `sla_breached_by` = coalesce(`first_responder_id`, `manager_id`) WHERE `sla_breached_at` IS NOT NULL;
