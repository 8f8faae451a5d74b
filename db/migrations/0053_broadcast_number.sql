ALTER TABLE `broadcasts` ADD `number` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `broadcasts_number_uq` ON `broadcasts` (`number`);--> statement-breakpoint
-- The broadcasts owners have been told of by their id (sent, being sent, stopped, or put off to
-- the end of the quiet hours) keep it as their number: the messages about them still say so. New
-- ones take the next number after the highest.
UPDATE `broadcasts` SET `number` = `id` WHERE `status` <> 'draft' OR `scheduled_at` IS NOT NULL;
