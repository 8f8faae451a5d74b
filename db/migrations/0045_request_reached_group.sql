-- When a request's first message reached the staff group: its answer time counts from then.
-- Requests opened before it was kept count as having reached the group when they opened (their
-- deadlines stay as they are).
ALTER TABLE `handoffs` ADD `reached_group_at` integer;--> statement-breakpoint
UPDATE `handoffs` SET `reached_group_at` = `opened_at`;
